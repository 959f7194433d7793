using System.Globalization;
using AngleSharp.Html.Dom;
using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Web.Tests.Agreements;

/// <summary>
/// Set-up for the agreement page tests: a fresh patient per test (so tests sharing one app do not meet), documents
/// made through the real use cases, and posting a form from a page already fetched (a second browser tab).
/// </summary>
internal static class AgreementKit
{
    public static DateOnly Today => DanishCalendar.Today(TimeProvider.System);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A new patient admitted five days ago to a ward, discharge planned in three days.</summary>
    public static Task<(Guid PatientId, Guid AdmissionId, string Name)> AdmitAsync(
        CaseHubFactory factory, string wardCode = ReferenceData.Codes.WardAalborgS4, string municipalityCode = ReferenceData.Codes.Aalborg) =>
        factory.WithDbAsync(async db =>
        {
            var ward = await db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.HospitalWard && o.Code == wardCode);
            var municipality = await db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.Municipality && o.Code == municipalityCode);
            var serial = Random.Shared.Next(1000, 4000); // 7th digit 1-3: born 19xx
            var cpr = $"{Random.Shared.Next(1, 29):00}{Random.Shared.Next(1, 13):00}{Random.Shared.Next(50, 100):00}{serial}";
            var family = "Test" + Guid.NewGuid().ToString("N")[..6];
            var now = DateTime.UtcNow;
            var patient = new Patient
            {
                Cpr = cpr, GivenName = "Tove", FamilyName = family, BirthDate = CprNumber.Parse(cpr).BirthDate,
                MunicipalityId = municipality.Id, CreatedAt = now, UpdatedAt = now,
            };
            var admission = new Admission
            {
                WardId = ward.Id, Start = now.AddDays(-5), PlannedDischargeDate = Today.AddDays(3), LegalBasis = LegalBasis.CompulsoryAdmission,
            };
            patient.Admissions.Add(admission);
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return (patient.Id, admission.Id, patient.FullName);
        });

    public static async Task<CurrentUser> UserAsync(CaseHubDbContext db, string username)
    {
        var u = await db.StaffUsers.Include(x => x.Organization).SingleAsync(x => x.Username == username);
        return new CurrentUser(u.Id, u.Username, u.Name, u.OrganizationId, u.Organization!.Name, u.Organization.Kind, u.Organization.ParentId, u.Roles);
    }

    /// <summary>Every required section filled, as form values per section.</summary>
    public static Dictionary<string, Dictionary<string, string?>> CompleteSections() => new()
    {
        ["legal"] = new() { ["LegalBasis"] = "Section13aStk2" },
        ["consent"] = new() { ["ConsentGivenBy"] = "Borgeren selv", ["ConsentDate"] = Iso(Today), ["ConsentScope"] = "Kommunen og egen læge" },
        ["treatment"] = new() { ["OutpatientUnit"] = "Ambulatorium Syd" },
        ["crisis"] = new() { ["WarningSigns"] = "Isolerer sig", ["CrisisActions"] = "Ringer til kontaktperson", ["CrisisContacts"] = "Akutmodtagelsen" },
        ["nonattendance"] = new() { ["NonAttendance"] = "Ambulatoriet ringer samme dag" },
        ["dates"] = new() { ["DrawnUpOn"] = Iso(Today), ["DischargeOn"] = Iso(Today.AddDays(3)) },
    };

    /// <summary>Makes a complete document through the use cases and brings it to Sent or Accepted.</summary>
    public static async Task<Guid> DocumentAsync(CaseHubFactory factory, Guid admissionId, DocumentStatus upTo)
    {
        await using var scope = factory.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CaseHubDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<CareDocuments>();
        var ward = await UserAsync(db, "kontakt.s4");
        var document = (await service.CreateAsync(ward, admissionId, DocumentKind.DischargeAgreement)).Value!;
        foreach (var (section, values) in CompleteSections())
        {
            document = Ok(await service.SaveSectionAsync(ward, document.Id, document.Version, section, values));
        }

        document = Ok(await service.AddParticipantAsync(ward, document.Id, document.Version,
            new CareDocuments.ParticipantInput(ParticipantRole.Caseworker, "Line Munk", "Aalborg Kommune", null)));
        if (upTo is DocumentStatus.Sent or DocumentStatus.Accepted)
        {
            document = Ok(await service.SendAsync(ward, document.Id, document.Version));
        }

        if (upTo == DocumentStatus.Accepted)
        {
            Ok(await service.AcceptAsync(await UserAsync(db, "sag.aalborg"), document.Id, document.Version));
        }

        return document.Id;
    }

    private static CareDocument Ok(Core.Common.Outcome<CareDocument> outcome)
    {
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        return outcome.Value!;
    }

    /// <summary>Posts a form of a page fetched earlier, as a browser tab left open would.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlDocument page, string formSelector, IDictionary<string, string?> fields)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{formSelector}'");
        var values = new Dictionary<string, string?>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    values[input.Name] = input.Value;
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name] = area.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values[select.Name] = select.Value;
                    break;
            }
        }

        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action")!;
        return client.PostAsync(action, new FormUrlEncodedContent(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!))));
    }

    public static Task<DocumentStatus> StatusAsync(CaseHubFactory factory, Guid documentId) =>
        factory.WithDbAsync(db => db.CareDocuments.Where(d => d.Id == documentId).Select(d => d.Status).SingleAsync());
}
