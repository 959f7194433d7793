using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Data;
using CaseHub.Core.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Agreements;

/// <summary>Shortcuts for the agreement tests: demo users, Mette Kristensen's admission on S4, a complete document.</summary>
internal static class DocumentKit
{
    public const string MetteCpr = "1203851236";

    public static Task<CurrentUser> UserAsync(CaseHubDbContext db, string username) => PatientAccessPolicyTests.UserAsync(db, username);

    public static Task<Guid> MetteAdmissionAsync(CaseHubDbContext db) =>
        db.Admissions.Where(a => a.Patient!.Cpr == MetteCpr && a.End == null).Select(a => a.Id).SingleAsync();

    /// <summary>Every required field of every section, as the ward would type them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> CompleteSections =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>
        {
            ["legal"] = new Dictionary<string, string?> { ["LegalBasis"] = "Section13aStk1" },
            ["consent"] = new Dictionary<string, string?> { ["ConsentGivenBy"] = "Borgeren selv", ["ConsentDate"] = "2026-03-01", ["ConsentScope"] = "Kommunen og egen læge" },
            ["treatment"] = new Dictionary<string, string?> { ["OutpatientUnit"] = "Ambulatorium Aalborg Øst", ["FirstAppointmentOn"] = "2026-03-10" },
            ["crisis"] = new Dictionary<string, string?> { ["WarningSigns"] = "Sover dårligt", ["CrisisActions"] = "Ringer til kontaktperson", ["CrisisContacts"] = "Akutmodtagelsen 97 64 00 00" },
            ["nonattendance"] = new Dictionary<string, string?> { ["NonAttendance"] = "Ambulatoriet ringer til bostøtten samme dag" },
            ["dates"] = new Dictionary<string, string?> { ["DrawnUpOn"] = "2026-03-02", ["DischargeOn"] = "2026-03-04", ["ReviewOn"] = "2026-06-01" },
        };

    /// <summary>Creates an udskrivningsaftale for Mette as kontakt.s4, fills every required part, and returns it.</summary>
    public static async Task<CareDocument> CompleteDraftAsync(TestDatabase test, DocumentKind kind = DocumentKind.DischargeAgreement)
    {
        await using var db = test.NewContext();
        var ward = await UserAsync(db, "kontakt.s4");
        var service = new CareDocuments(db, test.Clock);
        var document = (await service.CreateAsync(ward, await MetteAdmissionAsync(db), kind)).Value!;
        foreach (var (section, values) in CompleteSections)
        {
            var fields = section == "legal" && kind == DocumentKind.CoordinationPlan
                ? new Dictionary<string, string?> { ["LegalBasis"] = "Section13b", ["DeclineReason"] = "Ønsker ikke at deltage" }
                : values;
            if (section == "consent" && kind == DocumentKind.CoordinationPlan)
            {
                continue;
            }

            var saved = await service.SaveSectionAsync(ward, document.Id, document.Version, section, fields);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
            document = saved.Value!;
        }

        var added = await service.AddParticipantAsync(ward, document.Id, document.Version,
            new CareDocuments.ParticipantInput(ParticipantRole.Caseworker, "Line Munk", "Aalborg Kommune", "99 31 31 31"));
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));
        return added.Value!;
    }

    /// <summary>Puts a document straight into a status, as if the workflow had brought it there.</summary>
    public static async Task<CareDocument> InStatusAsync(TestDatabase test, DocumentStatus status)
    {
        var document = await CompleteDraftAsync(test);
        await using var db = test.NewContext();
        var stored = await db.CareDocuments.SingleAsync(d => d.Id == document.Id);
        stored.Status = status;
        await db.SaveChangesAsync();
        return stored;
    }

    public static async Task<CareDocument> ReloadAsync(TestDatabase test, Guid id)
    {
        await using var db = test.NewContext();
        return await db.CareDocuments.AsNoTracking().Include(d => d.Participants).Include(d => d.Actions).SingleAsync(d => d.Id == id);
    }
}
