// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Net;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Common;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>Udskrivningsaftaler and koordinationsplaner as CarePlan through /fhir, under the case page's access rules.</summary>
public class FhirCarePlanTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private Task<CareDocument> DocumentAsync(string cpr) =>
        factory.WithDbAsync(db => db.CareDocuments.AsNoTracking().Include(d => d.Actions).SingleAsync(d => d.Patient!.Cpr == cpr));

    private static string Code(CarePlan plan, string url) => ((Coding)plan.Extension.Single(e => e.Url == url).Value).Code;

    [Fact]
    public async Task The_capability_statement_lists_careplan_with_both_profiles_and_its_search_parameters()
    {
        var statement = await (await (await factory.ClientAsync(null)).GetAsync("/fhir/metadata")).ResourceAsync<CapabilityStatement>();
        var carePlan = statement.Rest.Single().Resource.Single(r => r.Type == "CarePlan");
        Assert.Equal([CaseHubUrls.UdskrivningsaftaleProfile, CaseHubUrls.KoordinationsplanProfile], carePlan.SupportedProfile);
        Assert.Equal(["_id", "patient", "subject", "status", "category", "_lastUpdated", "identifier", "_count"], carePlan.SearchParam.Select(p => p.Name));
        var profile = await (await (await factory.ClientAsync(null)).GetAsync("/fhir/StructureDefinition/casehub-koordinationsplan")).ResourceAsync<StructureDefinition>();
        Assert.Equal(CaseHubUrls.KoordinationsplanProfile, profile.Url);
    }

    [Theory]
    [InlineData("kontakt.s3", "admission-ward")]
    [InlineData("sag.aalborg", null)]
    public async Task The_ward_and_the_receiving_municipality_read_a_sent_agreement_and_the_read_is_audited(string username, string rule)
    {
        var document = await DocumentAsync("0507921417");
        var response = await (await factory.ClientAsync(username)).GetAsync($"/fhir/CarePlan/{document.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.ResourceAsync<CarePlan>();

        Assert.Equal(CaseHubUrls.UdskrivningsaftaleProfile, plan.Meta.Profile.Single());
        Assert.Equal(RequestStatus.Active, plan.Status);
        Assert.Equal("sent", Code(plan, CaseHubUrls.DocumentStatusExtension));
        Assert.Equal("discharge-agreement", plan.Category.Single().Coding.Single().Code);
        Assert.Equal($"Patient/{document.PatientId}", plan.Subject.Reference);
        Assert.Equal($"Organization/{document.AuthoringWardId}", plan.Author.Reference);
        Assert.Equal($"Organization/{document.ReceivingMunicipalityId}", plan.Contributor.Single().Reference);
        Assert.Equal(document.Actions.Select(a => a.What).Order(), plan.Activity.Select(a => a.Detail.Description).Order());
        var warning = plan.Note.Single(n => ((Coding)n.Extension.Single().Value).Code == "warningSigns");
        Assert.Equal(document.WarningSigns, warning.Text);
        Assert.Equal($"W/\"{plan.Meta.VersionId}\"", response.Headers.ETag!.ToString());

        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.PatientId == document.PatientId && e.Username == username));
        Assert.Equal(("fhir.read", AuditOutcome.Allowed, "Document"), (entry.Action, entry.Outcome, entry.DataKind));
        if (rule is not null)
        {
            Assert.Equal(rule, entry.Rule);
        }

        var history = await (await (await factory.ClientAsync(username)).GetAsync($"/fhir/CarePlan/{document.Id}/_history")).ResourceAsync<Bundle>();
        Assert.Equal(Bundle.BundleType.History, history.Type);
        var vread = await (await factory.ClientAsync(username)).GetAsync($"/fhir/CarePlan/{document.Id}/_history/{plan.Meta.VersionId}");
        Assert.Equal(HttpStatusCode.OK, vread.StatusCode);
        Assert.Equal(plan.Id, (await vread.ResourceAsync<CarePlan>()).Id);
    }

    [Theory]
    [InlineData("sag.hjoerring")]
    [InlineData("kontakt.aarhus")]
    public async Task An_unrelated_user_gets_403_on_read_and_history_and_the_refusal_is_audited(string username)
    {
        var document = await DocumentAsync("0507921417");
        var client = await factory.ClientAsync(username);
        var response = await client.GetAsync($"/fhir/CarePlan/{document.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, (await response.ResourceAsync<OperationOutcome>()).Issue.Single().Code);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.PatientId == document.PatientId && e.Username == username));
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/fhir/CarePlan/{document.Id}/_history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/CarePlan/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Search_pages_through_exactly_the_documents_of_the_wards_patients()
    {
        var client = await factory.ClientAsync("kontakt.s3");
        var expected = await factory.WithDbAsync(db =>
        {
            var wardId = db.Organizations.Where(o => o.Code == ReferenceData.Codes.WardAalborgS3).Select(o => o.Id).Single();
            return db.CareDocuments.Where(d => d.Patient!.Admissions.Any(a => a.WardId == wardId)).Select(d => d.Id).ToListAsync();
        });
        Assert.True(expected.Count >= 3);

        var seen = new List<string>();
        var url = "/fhir/CarePlan?_count=2";
        while (url is not null)
        {
            var bundle = await (await client.GetAsync(url)).ResourceAsync<Bundle>();
            Assert.Equal(expected.Count, bundle.Total);
            seen.AddRange(bundle.Entry.Select(e => e.Resource.Id));
            url = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        }

        Assert.Equal(expected.Select(id => id.ToString()).Order(), seen.Order());
    }

    [Fact]
    public async Task A_caseworker_finds_only_documents_for_citizens_of_the_own_municipality()
    {
        var bundle = await (await (await factory.ClientAsync("sag.hjoerring")).GetAsync("/fhir/CarePlan")).ResourceAsync<Bundle>();
        var hjoerring = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == ReferenceData.Codes.Hjoerring).Select(o => o.Id).SingleAsync());
        Assert.NotEmpty(bundle.Entry);
        Assert.All(bundle.Entry, e => Assert.Equal($"Organization/{hjoerring}", ((CarePlan)e.Resource).Contributor.Single().Reference));
        var coordination = await DocumentAsync("2311780825");
        Assert.Contains(bundle.Entry, e => e.Resource.Id == coordination.Id.ToString());
    }

    [Fact]
    public async Task Search_by_patient_status_category_id_and_last_updated()
    {
        var client = await factory.ClientAsync("kontakt.s3");
        var draft = await DocumentAsync("0303104123");
        var coordination = await DocumentAsync("2311780825");

        async Task<List<string>> Ids(string query) =>
            (await (await client.GetAsync($"/fhir/CarePlan?{query}")).ResourceAsync<Bundle>()).Entry.Select(e => e.Resource.Id).ToList();

        Assert.Equal([draft.Id.ToString()], await Ids($"patient=Patient/{draft.PatientId}"));
        Assert.Equal([draft.Id.ToString()], await Ids($"subject={draft.PatientId}&status=draft"));
        Assert.Empty(await Ids($"patient=Patient/{draft.PatientId}&status=active,completed"));
        Assert.Contains(draft.Id.ToString(), await Ids("status=draft"));
        Assert.DoesNotContain(draft.Id.ToString(), await Ids("status=active"));
        var plans = await Ids($"category={Uri.EscapeDataString(CaseHubUrls.DocumentKindSystem + "|coordination-plan")}");
        Assert.Contains(coordination.Id.ToString(), plans);
        Assert.DoesNotContain(draft.Id.ToString(), plans);
        Assert.Equal([coordination.Id.ToString()], await Ids($"_id={coordination.Id},{Guid.NewGuid()}"));
        var day = Core.Calendar.DanishCalendar.ToDanishTime(coordination.UpdatedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(coordination.Id.ToString(), await Ids($"_lastUpdated={day}"));
        Assert.DoesNotContain(coordination.Id.ToString(), await Ids($"_lastUpdated=gt{day}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/fhir/CarePlan?_lastUpdated=igår")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/fhir/CarePlan?author=x")).StatusCode);
    }
}
