using System.Net;
using System.Text.RegularExpressions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using CaseHub.Web.Tests.Fhir;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Access;

/// <summary>
/// docs/access.md's table, run through the real pages: for each relation, a demo user who has exactly that relation to
/// a patient opens the page of every data kind that has one, and gets 200 where the table says R or W and 403 where it
/// says '-'. Writes go through one real write handler per data kind with input that cannot be saved: past the access
/// check the handler answers with the form and its Danish errors (or a FHIR precondition failure), before it 403.
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

        // Henrik Poulsen left S4 40 days ago (past the ward's period after discharge) with an agreement S4 wrote:
        // the authoring ward keeps only the document.
        var henrik = await db.Patients.Include(p => p.Admissions).SingleAsync(p => p.Cpr == "1111881118");
        var stay = henrik.Admissions.Single();
        var ended = new CareDocument
        {
            Kind = DocumentKind.DischargeAgreement, Status = DocumentStatus.Active, PatientId = henrik.Id, AdmissionId = stay.Id,
            AuthoringWardId = stay.WardId, ReceivingMunicipalityId = henrik.MunicipalityId, CreatedAt = stay.Start, UpdatedAt = stay.Start, Version = 1,
        };
        ended.SeriesId = ended.Id;
        db.CareDocuments.Add(ended);

        // Lars Thomsen also stayed on S4 until 45 days ago (past the ward's period), was discharged without an agreement
        // or plan, and S4 has the open flag for it: the ward reaches his case and documents through that flag only.
        var lars = await db.Patients.SingleAsync(p => p.Cpr == "1502832345");
        var s4 = await db.StaffUsers.SingleAsync(u => u.Username == "kontakt.s4");
        var larsOnS4 = new Core.Admissions.Admission
        {
            PatientId = lars.Id, WardId = s4.OrganizationId, Start = now.AddDays(-60), End = now.AddDays(-45), LegalBasis = Core.Admissions.LegalBasis.Voluntary,
            TargetGroupMarking = Core.Admissions.TargetGroupMarking.Section13aStk1, TargetGroupReason = "Modtager bostøtte efter serviceloven.",
        };
        db.Admissions.Add(larsOnS4);
        var larsOnS3 = await db.Admissions.SingleAsync(a => a.PatientId == lars.Id && a.WardId != s4.OrganizationId);
        var larsDraft = new CareDocument
        {
            Kind = DocumentKind.CoordinationPlan, Status = DocumentStatus.Draft, PatientId = lars.Id, AdmissionId = larsOnS3.Id,
            AuthoringWardId = larsOnS3.WardId, ReceivingMunicipalityId = lars.MunicipalityId, CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        larsDraft.SeriesId = larsDraft.Id;
        db.CareDocuments.Add(larsDraft);
        db.Flags.Add(new Core.Flags.Flag
        {
            PatientId = lars.Id, Rule = Core.Flags.FlagRuleIds.MissingAtDischarge, SubjectKind = Core.Flags.FlagSubject.Admission, SubjectId = larsOnS4.Id,
            OwnerOrganizationId = s4.OrganizationId, WatcherOrganizationId = lars.MunicipalityId, Since = DateOnly.FromDateTime(now.AddDays(-45)),
            Summary = "Udskrevet uden godkendt udskrivningsaftale eller koordinationsplan", RaisedAt = now,
        });

        // kontakt.aarhus broke the glass for Mette Kristensen (a nødadgang in force).
        var aarhus = await db.StaffUsers.Include(u => u.Organization).SingleAsync(u => u.Username == "kontakt.aarhus");
        db.EmergencyAccesses.Add(new Core.Access.EmergencyAccess
        {
            PatientId = mette.Id, StaffUserId = aarhus.Id, Username = aarhus.Username, UserDisplayName = aarhus.Name,
            OrganizationId = aarhus.OrganizationId, OrganizationName = aarhus.Organization!.Name, Reason = "Akut",
            GrantedAt = now.AddMinutes(-1), ExpiresAt = now.AddHours(4),
        });
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
        { "PsychiatryContactPerson", "document-authoring-ward", "kontakt.s4", "1111881118" },
        { "PsychiatryContactPerson", "missing-plan-flag-ward", "kontakt.s4", "1502832345" },
        { "PsychiatryContactPerson", "emergency-access", "kontakt.aarhus", "1203851236" },
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

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_data_kind_write_answers_as_the_table_says(string role, string relation, string username, string cpr)
    {
        await factory.ArrangeAsync();
        var row = Table().Single(r => r.Role == role && r.Relation == relation);
        var ids = await factory.WithDbAsync(async db => new
        {
            Patient = await db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync(),
            Document = await db.CareDocuments.Where(d => d.Patient!.Cpr == cpr).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(),
            Meeting = await db.Meetings.Where(m => m.Patient!.Cpr == cpr).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(),
        });

        var client = factory.ClientFor(username);
        var token = await AntiforgeryTokenAsync(client);

        // Each probe is a real write handler given input it must refuse (stale versions, empty required fields), so a
        // write that gets past the access check changes nothing: the matrix can run in any order.
        var probes = new Dictionary<string, Func<Task<HttpStatusCode>>?>
        {
            ["Case"] = () => FhirPatientUpdateAsync(ids.Patient, username),
            ["Document"] = ids.Document is { } d ? () => PostAsync(client, token, $"/Agreements/{d}?handler=SaveSection", ("version", "-1"), ("section", "Treatment")) : null,
            ["Team"] = () => PostAsync(client, token, $"/Teams/{ids.Patient}?handler=AddExternal"),
            ["Meeting"] = () => PostAsync(client, token, $"/Meetings/Request/{ids.Patient}"),
            ["Minutes"] = ids.Meeting is { } m1 ? () => PostAsync(client, token, $"/Meetings/Details/{m1}?handler=Approve", ("draftVersion", "-1")) : null,
            ["FollowUp"] = ids.Meeting is { } m2 ? () => PostAsync(client, token, $"/Meetings/Details/{m2}?handler=Task") : null,
            ["Consent"] = () => PostAsync(client, token, $"/House/Course/{ids.Patient}?handler=Consent"),
        };

        var checkedKinds = 0;
        foreach (var (kind, probe) in probes)
        {
            if (probe is null)
            {
                continue;
            }

            var actual = await probe();
            var allowed = row.Grants[kind] == "W";
            Assert.True(
                allowed ? actual is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) && (int)actual < 500 : actual == HttpStatusCode.Forbidden,
                $"{username} ({relation}) writing {kind}: table says '{row.Grants[kind]}', handler answered {(int)actual}");
            checkedKinds++;
        }

        Assert.True(checkedKinds >= 5, $"only {checkedKinds} kinds checked for {username}");
    }

    /// <summary>The antiforgery token of the sign-out form every page has; the client keeps the matching cookie.</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/");
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on the front page");
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string token, string url, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return (await client.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode;
    }

    /// <summary>
    /// Case data is written through FHIR (Patient update). The resource is read by a user who may, then sent back by the
    /// user under test with a stale If-Match: past the access check the update fails its precondition (412), unsaved.
    /// </summary>
    private async Task<HttpStatusCode> FhirPatientUpdateAsync(Guid patientId, string username)
    {
        string? body = null;
        foreach (var reader in new[] { "kontakt.s4", "sag.aalborg", "sag.hjoerring" })
        {
            var read = await (await factory.ClientAsync(reader)).GetAsync($"/fhir/Patient/{patientId}");
            if (read.IsSuccessStatusCode)
            {
                body = await read.Content.ReadAsStringAsync();
                break;
            }
        }

        Assert.NotNull(body);
        var client = await factory.ClientAsync(username);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Patient/{patientId}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"999\"");
        return (await client.SendAsync(request)).StatusCode;
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
