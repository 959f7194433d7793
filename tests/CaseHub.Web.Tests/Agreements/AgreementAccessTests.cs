using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Core.Agreements;
using CaseHub.Core.Organizations;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Web.Tests.Agreements.AgreementKit;

namespace CaseHub.Web.Tests.Agreements;

/// <summary>Who may see and change a document, and that every attempt is in the audit trail.</summary>
public class AgreementAccessTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    /// <summary>Jonas Nielsen's demo agreement: sent by S3, waiting for Aalborg.</summary>
    private Task<CareDocument> SentToAalborgAsync() =>
        factory.WithDbAsync(db => db.CareDocuments.AsNoTracking().SingleAsync(d => d.Patient!.Cpr == "0507921417"));

    [Theory]
    [InlineData("sag.hjoerring")] // a caseworker from another municipality
    [InlineData("kontakt.aarhus")] // a ward in another region
    [InlineData("kontakt.s4")] // another ward, no relation to the patient
    [InlineData("hus.aalborg")] // Psykiatriens Hus without the patient's consent
    [InlineData("analytiker")]
    public async Task Unrelated_users_get_403_on_every_document_page_and_each_attempt_is_audited(string username)
    {
        var document = await SentToAalborgAsync();
        var client = factory.ClientFor(username);
        foreach (var url in new[] { $"/Agreements/{document.Id}", $"/Agreements/Print/{document.Id}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Ingen adgang", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Nielsen", body, StringComparison.Ordinal);
        }

        var denied = await factory.WithDbAsync(db => db.AuditEntries
            .Where(e => e.Username == username && e.PatientId == document.PatientId && e.DataId == document.Id.ToString())
            .Select(e => new { e.Outcome, e.DataKind, e.Action, e.Rule }).ToListAsync());
        Assert.Contains(denied, e => e.Action == "document.read" && e.Outcome == AuditOutcome.Denied && e.DataKind == "Document" && e.Rule == "no-relation");
        Assert.Contains(denied, e => e.Action == "document.print" && e.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task A_caseworker_from_another_municipality_cannot_accept_and_nothing_changes()
    {
        var document = await SentToAalborgAsync();
        var client = factory.ClientFor("sag.hjoerring");
        var home = await client.GetPageAsync("/"); // the sign-out form carries the user's antiforgery token
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync($"/Agreements/{document.Id}?handler=Accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(DocumentStatus.Sent, await StatusAsync(factory, document.Id));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Username == "sag.hjoerring" && e.Action == "document.accept" && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task The_receiving_caseworker_reads_the_document_and_the_read_is_audited_with_the_rule()
    {
        var document = await SentToAalborgAsync();
        var page = await factory.ClientFor("sag.aalborg").GetPageAsync($"/Agreements/{document.Id}");

        Assert.Equal("Udskrivningsaftale: Jonas Nielsen", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("form.doc-accept"));
        Assert.Null(page.QuerySelector("form.doc-send"));
        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id)
            .FirstAsync(e => e.Username == "sag.aalborg" && e.DataId == document.Id.ToString()));
        Assert.Equal(("document.read", AuditOutcome.Allowed, "municipality-of-residence"), (entry.Action, entry.Outcome, entry.Rule));
    }

    [Fact]
    public async Task The_receiving_municipality_keeps_the_document_when_the_patient_moves_but_not_the_case()
    {
        var (patientId, admissionId, name) = await AdmitAsync(factory);
        var id = await DocumentAsync(factory, admissionId, DocumentStatus.Sent);
        await factory.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == patientId);
            patient.MunicipalityId = await db.Organizations.Where(o => o.Kind == OrganizationKind.Municipality && o.Code == ReferenceData.Codes.Hjoerring)
                .Select(o => o.Id).SingleAsync();
            return await db.SaveChangesAsync();
        });
        var aalborg = factory.ClientFor("sag.aalborg");

        Assert.Equal(HttpStatusCode.OK, (await aalborg.GetAsync($"/Agreements/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aalborg.GetAsync($"/Patients/Case/{patientId}")).StatusCode);
        Assert.Contains(name, (await aalborg.GetPageAsync("/Agreements/Inbox")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("document-receiving-municipality", await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id)
            .Where(e => e.Username == "sag.aalborg" && e.DataId == id.ToString()).Select(e => e.Rule).FirstAsync()));
    }

    [Fact]
    public async Task Indbakke_shows_only_the_own_municipalitys_documents_and_is_in_the_caseworkers_menu()
    {
        var hjoerring = await factory.ClientFor("sag.hjoerring").GetPageAsync("/Agreements/Inbox");
        var text = hjoerring.QuerySelector("main")!.TextContent;
        Assert.Contains("Susanne Mikkelsen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jonas Nielsen", text, StringComparison.Ordinal);
        Assert.Contains(hjoerring.QuerySelectorAll("nav a"), a => a.TextContent == "Indbakke");

        var aalborg = await factory.ClientFor("sag.aalborg").GetPageAsync("/Agreements/Inbox");
        Assert.Contains(aalborg.QuerySelectorAll("#waiting-heading ~ table a"), a => a.TextContent == "Jonas Nielsen");
        Assert.DoesNotContain("Freja Lund", aalborg.QuerySelector("main")!.TextContent, StringComparison.Ordinal); // a draft is not sent yet

        var ward = await factory.ClientFor("kontakt.s4").GetPageAsync("/");
        Assert.DoesNotContain(ward.QuerySelectorAll("nav a"), a => a.TextContent == "Indbakke");
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("kontakt.s4").GetAsync("/Agreements/Inbox")).StatusCode);
    }

    [Fact]
    public async Task Only_the_ward_of_the_current_admission_is_offered_to_create_a_document_or_register_discharge()
    {
        var (patientId, admissionId, _) = await AdmitAsync(factory);
        var ward = await factory.ClientFor("kontakt.s4").GetPageAsync($"/Patients/Case/{patientId}");
        Assert.NotNull(ward.QuerySelector("form.create-agreement"));
        Assert.NotNull(ward.QuerySelector("form.create-plan"));

        var caseworker = await factory.ClientFor("sag.aalborg").GetPageAsync($"/Patients/Case/{patientId}");
        Assert.Null(caseworker.QuerySelector("form.create-agreement"));
        Assert.DoesNotContain(caseworker.QuerySelectorAll("a"), a => a.TextContent == "Registrér udskrivning");
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("kontakt.aarhus").GetAsync($"/Agreements/Discharge/{admissionId}")).StatusCode);
    }
}
