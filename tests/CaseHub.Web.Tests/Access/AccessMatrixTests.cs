using System.Net;
using System.Text.RegularExpressions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Access;

/// <summary>
/// docs/access.md's table, run through the real pages: for each relation, a demo user who has exactly that relation to
/// a patient opens the page of every data kind that has one, and gets 200 where the table says R or W and 403 where it
/// says '-'. Writes are checked by each feature's own tests through its forms.
/// </summary>
public sealed class AccessMatrixFactory : CaseHubFactory
{
    /// <summary>Adds the few relations the demo data lacks, once, before the first test.</summary>
    public async Task ArrangeAsync()
    {
        if (arranged)
        {
            return;
        }

        arranged = true;
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.CaseHubDbContext>();
        var now = DateTime.UtcNow;

        // kontakt.s3 is in Peter Andersen's team but he was never on S3: the team is the only relation.
        var s3 = await db.StaffUsers.SingleAsync(u => u.Username == "kontakt.s3");
        var peter = await db.Patients.SingleAsync(p => p.Cpr == "2808691122");
        db.TeamMembers.Add(new TeamMember
        {
            PatientId = peter.Id, Role = TeamRole.Staff, StaffUserId = s3.Id, OrganizationId = s3.OrganizationId, Name = s3.Name,
            AddedAt = now, AddedByName = "test",
        });

        // Jonas Nielsen moves to Hjørring: Aalborg keeps only the agreement it received.
        var jonas = await db.Patients.SingleAsync(p => p.Cpr == "0507921417");
        jonas.MunicipalityId = await db.Organizations.Where(o => o.Kind == OrganizationKind.Municipality && o.Code == ReferenceData.Codes.Hjoerring).Select(o => o.Id).SingleAsync();

        // Mette Kristensen gets a draft agreement, so her document page exists.
        var mette = await db.Patients.Include(p => p.Admissions).SingleAsync(p => p.Cpr == "1203851236");
        var admission = mette.Admissions.Single(a => a.End == null);
        var draft = new CareDocument
        {
            Kind = DocumentKind.DischargeAgreement, Status = DocumentStatus.Draft, PatientId = mette.Id, AdmissionId = admission.Id,
            AuthoringWardId = admission.WardId, ReceivingMunicipalityId = mette.MunicipalityId, CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        draft.SeriesId = draft.Id;
        db.CareDocuments.Add(draft);
        await db.SaveChangesAsync();
    }

    private bool arranged;
}

public partial class AccessMatrixTests(AccessMatrixFactory factory) : IClassFixture<AccessMatrixFactory>
{
    /// <summary>A user with exactly one relation (a row of the table) to a patient.</summary>
    public static TheoryData<string, string, string, string> Scenarios => new()
    {
        { "PsychiatryContactPerson", "admission-ward", "kontakt.s4", "1203851236" },
        { "MunicipalCaseworker", "municipality-of-residence", "sag.aalborg", "1203851236" },
        { "MunicipalCaseworker", "document-receiving-municipality", "sag.aalborg", "0507921417" },
        { "PsychiatryContactPerson, MunicipalCaseworker", "team-member", "kontakt.s3", "2808691122" },
        { "HouseCoordinator", "house-consent-record", "hus.aalborg", "1203851236" },
        { "HouseCoordinator", "house-with-consent", "hus.aalborg", "2808691122" },
        { "Administrator", "administrator-audit", "admin", "1203851236" },
        { "Analyst", "(none)", "analytiker", "2808691122" },
        { "any", "(none)", "sag.hjoerring", "1203851236" },
        { "any", "(none)", "kontakt.aarhus", "2808691122" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_data_kind_page_answers_as_the_table_says(string role, string relation, string username, string cpr)
    {
        await factory.ArrangeAsync();
        var row = Table().Single(r => r.Role == role && r.Relation == relation);
        var ids = await factory.WithDbAsync(async db => new
        {
            Patient = await db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync(),
            Document = await db.CareDocuments.Where(d => d.Patient!.Cpr == cpr).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(),
            Meeting = await db.Meetings.Where(m => m.Patient!.Cpr == cpr).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(),
        });

        var pages = new Dictionary<string, string?>
        {
            ["Case"] = $"/Patients/Case/{ids.Patient}",
            ["Document"] = ids.Document is { } d ? $"/Agreements/{d}" : null,
            ["Team"] = $"/Teams/{ids.Patient}",
            ["Meeting"] = ids.Meeting is { } m ? $"/Meetings/Details/{m}" : null,
            ["Consent"] = $"/House/Course/{ids.Patient}",
            ["AuditTrail"] = $"/Audit/Patient/{ids.Patient}",
        };

        var client = factory.ClientFor(username);
        var checkedKinds = 0;
        foreach (var (kind, url) in pages)
        {
            if (url is null)
            {
                continue;
            }

            var expected = row.Grants[kind] == "-" ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            var actual = (await client.GetAsync(url)).StatusCode;
            Assert.True(expected == actual, $"{username} ({relation}) on {kind} {url}: table says '{row.Grants[kind]}', page answered {(int)actual}");
            checkedKinds++;
        }

        Assert.True(checkedKinds >= 5, $"only {checkedKinds} kinds checked for {username}");
    }

    [Fact]
    public void The_table_covers_every_rule_of_the_policy()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "CaseHub.Core", "Access", "PatientAccessPolicy.cs"));
        var ruleIds = RuleId().Matches(source).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(ruleIds);
        Assert.Empty(ruleIds.Except(Table().Select(r => r.Relation)));
    }

    private sealed record Row(string Role, string Relation, Dictionary<string, string> Grants);

    private static List<Row> Table()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "access.md"));
        var header = lines.First(l => l.StartsWith("| role | relation |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries)[1..^1];
        return lines.SkipWhile(l => !l.StartsWith("| role | relation |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1])
            .Select(cells => new Row(cells[0], cells[1], header.Skip(2).Zip(cells.Skip(2), (k, v) => (k, v: v.TrimEnd('¹'))).ToDictionary(x => x.k, x => x.v)))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CaseHub.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    [GeneratedRegex(@"""([a-z]+(?:-[a-z]+)+)"",\s*\n\s*(?:u =>|IsHouseCoordinator)")]
    private static partial Regex RuleId();
}
