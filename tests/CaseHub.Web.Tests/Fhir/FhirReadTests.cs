// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Common;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Organization = Hl7.Fhir.Model.Organization;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

public class FhirReadTests(LongWardPeriodFactory factory) : IClassFixture<LongWardPeriodFactory>
{
    private Task<Guid> PatientIdAsync(string cpr) => factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task The_capability_statement_is_anonymous_and_states_profiles_interactions_and_search_parameters()
    {
        var client = await factory.ClientAsync(null);
        var response = await client.GetAsync("/fhir/metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statement = await response.ResourceAsync<CapabilityStatement>();

        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        var rest = Assert.Single(statement.Rest);
        var patient = rest.Resource.Single(r => r.Type == "Patient");
        Assert.Equal(CaseHubUrls.PatientProfile, patient.Profile);
        Assert.Equal(["_id", "identifier", "_lastUpdated", "_count"], patient.SearchParam.Select(p => p.Name));
        Assert.Equal(true, patient.ConditionalCreate);
        Assert.Contains(patient.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
        var encounter = rest.Resource.Single(r => r.Type == "Encounter");
        Assert.Equal(CaseHubUrls.AdmissionProfile, encounter.Profile);
        Assert.Contains(encounter.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
        Assert.DoesNotContain(rest.Resource.Single(r => r.Type == "Organization").Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create);
        Assert.Equal(["Appointment", "AuditEvent", "CarePlan", "CareTeam", "CodeSystem", "Communication", "Consent", "Encounter", "Flag", "Measure", "MeasureReport",
            "Organization", "Patient", "Practitioner", "PractitionerRole", "StructureDefinition", "Task", "ValueSet"],
            rest.Resource.Select(r => r.Type).Order(StringComparer.Ordinal));

        var xml = await client.GetAsync("/fhir/metadata?_format=xml");
        Assert.Equal(FhirTestClient.Xml, xml.Content.Headers.ContentType!.MediaType);
        Assert.Equal("casehub", (await xml.ResourceAsync<CapabilityStatement>()).Id);
    }

    [Fact]
    public async Task The_profiles_are_served_at_their_canonical_path_without_a_token()
    {
        var client = await factory.ClientAsync(null);
        var profile = await (await client.GetAsync("/fhir/StructureDefinition/casehub-patient")).ResourceAsync<StructureDefinition>();
        Assert.Equal(CaseHubUrls.PatientProfile, profile.Url);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fhir/ValueSet/nothing")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_an_operation_outcome()
    {
        var response = await (await factory.ClientAsync(null)).GetAsync("/fhir/Patient");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Login, (await response.ResourceAsync<OperationOutcome>()).Issue.Single().Code);
    }

    [Fact]
    public async Task A_ward_reads_its_patient_with_version_and_etag_and_the_read_is_audited()
    {
        var id = await PatientIdAsync("1203851236");
        var response = await (await factory.ClientAsync("kontakt.s4")).GetAsync($"/fhir/Patient/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await response.ResourceAsync<Patient>();

        Assert.Equal("1203851236", patient.Identifier.Single().Value);
        Assert.Equal("0851", ((Coding)patient.Extension.Single().Value).Code);
        Assert.Equal($"W/\"{patient.Meta.VersionId}\"", response.Headers.ETag!.ToString());
        var updatedAt = await factory.WithDbAsync(db => db.Patients.Where(p => p.Id == id).Select(p => p.UpdatedAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(updatedAt), patient.Meta.LastUpdated);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.PatientId == id && e.Username == "kontakt.s4"));
        Assert.Equal(("fhir.read", AuditOutcome.Allowed, "admission-ward"), (entry.Action, entry.Outcome, entry.Rule));
    }

    [Theory]
    [InlineData("kontakt.aarhus")]
    [InlineData("sag.hjoerring")]
    [InlineData("admin")]
    public async Task Users_without_a_relation_get_403_and_the_refusal_is_audited(string username)
    {
        var id = await PatientIdAsync("1203851236");
        var response = await (await factory.ClientAsync(username)).GetAsync($"/fhir/Patient/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, (await response.ResourceAsync<OperationOutcome>()).Issue.Single().Code);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.PatientId == id && e.Username == username));
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);

        var history = await (await factory.ClientAsync(username)).GetAsync($"/fhir/Patient/{id}/_history");
        Assert.Equal(HttpStatusCode.Forbidden, history.StatusCode);
    }

    [Fact]
    public async Task Search_returns_exactly_the_patients_the_caller_may_see_in_pages_with_next_links()
    {
        var client = await factory.ClientAsync("kontakt.s4");
        var wardId = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == ReferenceData.Codes.WardAalborgS4).Select(o => o.Id).SingleAsync());
        var expected = await factory.WithDbAsync(db => db.Patients.Where(p => p.Admissions.Any(a => a.WardId == wardId)).Select(p => p.Cpr).ToListAsync());

        var seen = new List<string>();
        var url = "/fhir/Patient?_count=2&_format=json";
        var pages = 0;
        while (url is not null)
        {
            var bundle = await (await client.GetAsync(url)).ResourceAsync<Bundle>();
            Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
            Assert.Equal(expected.Count, bundle.Total);
            Assert.True(bundle.Entry.Count <= 2);
            seen.AddRange(bundle.Entry.Select(e => ((Patient)e.Resource).Identifier.Single().Value));
            url = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
            Assert.True(url is null || url.Contains("_format=json", StringComparison.Ordinal), url);
            pages++;
        }

        Assert.True(pages >= 2);
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Fact]
    public async Task Search_by_cpr_finds_only_a_patient_the_caller_may_see()
    {
        var query = $"/fhir/Patient?identifier={Uri.EscapeDataString(FhirSamples.Cpr + "|1203851236")}";
        var aalborg = await (await (await factory.ClientAsync("sag.aalborg")).GetAsync(query)).ResourceAsync<Bundle>();
        Assert.Equal("1203851236", ((Patient)aalborg.Entry.Single().Resource).Identifier.Single().Value);

        var hjoerring = await (await (await factory.ClientAsync("sag.hjoerring")).GetAsync(query)).ResourceAsync<Bundle>();
        Assert.Equal(0, hjoerring.Total);
        Assert.Empty(hjoerring.Entry);
    }

    [Fact]
    public async Task Search_by_last_updated_and_id()
    {
        var client = await factory.ClientAsync("sag.aalborg");
        var id = await PatientIdAsync("1203851236");
        var byId = await (await client.GetAsync($"/fhir/Patient?_id={id}")).ResourceAsync<Bundle>();
        Assert.Equal(id.ToString(), byId.Entry.Single().Resource.Id);

        var future = await (await client.GetAsync("/fhir/Patient?_lastUpdated=gt2100-01-01")).ResourceAsync<Bundle>();
        Assert.Equal(0, future.Total);
        var past = await (await client.GetAsync("/fhir/Patient?_lastUpdated=ge2000-01-01")).ResourceAsync<Bundle>();
        var all = await (await client.GetAsync("/fhir/Patient")).ResourceAsync<Bundle>();
        Assert.Equal(all.Total, past.Total);
        Assert.True(past.Total > 0);

        var bad = await client.GetAsync("/fhir/Patient?_lastUpdated=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["_lastUpdated"], await bad.IssuePathsAsync());
        var unknown = await client.GetAsync("/fhir/Patient?name=Mette");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Encounters_of_a_patient_carry_the_legal_basis_and_only_visible_ones_are_found()
    {
        var id = await PatientIdAsync("1203851236");
        var bundle = await (await (await factory.ClientAsync("kontakt.s4")).GetAsync($"/fhir/Encounter?patient=Patient/{id}")).ResourceAsync<Bundle>();
        var encounter = (Encounter)bundle.Entry.Single().Resource;
        Assert.Equal("compulsory-admission", ((Coding)encounter.Extension.Single(e => e.Url == CaseHubUrls.LegalBasisExtension).Value).Code);
        Assert.Equal(Encounter.EncounterStatus.InProgress, encounter.Status);

        var read = await (await factory.ClientAsync("sag.aalborg")).GetAsync($"/fhir/Encounter/{encounter.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var other = await (await factory.ClientAsync("kontakt.aarhus")).GetAsync($"/fhir/Encounter?subject={id}");
        Assert.Equal(0, (await other.ResourceAsync<Bundle>()).Total);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientAsync("kontakt.aarhus")).GetAsync($"/fhir/Encounter/{encounter.Id}")).StatusCode);
    }

    [Fact]
    public async Task Encounters_by_status_and_date()
    {
        var client = await factory.ClientAsync("kontakt.s4");
        async Task<List<string>> CprsAsync(string query)
        {
            var bundle = await (await client.GetAsync($"/fhir/Encounter?{query}")).ResourceAsync<Bundle>();
            var ids = bundle.Entry.Select(e => Guid.Parse(((Encounter)e.Resource).Subject.Reference["Patient/".Length..])).ToList();
            return await factory.WithDbAsync(db => db.Patients.Where(p => ids.Contains(p.Id)).Select(p => p.Cpr).OrderBy(c => c).ToListAsync());
        }

        // On S4: Mette admitted now; Peter and Henrik discharged 10 and 40 days ago.
        Assert.Equal(["1203851236"], await CprsAsync("status=in-progress"));
        Assert.Equal(["1111881118", "2808691122"], await CprsAsync("status=finished"));
        var twentyDaysAgo = DateTime.UtcNow.AddDays(-20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["1203851236", "2808691122"], await CprsAsync($"date=ge{twentyDaysAgo}"));
        Assert.Empty(await CprsAsync("date=lt2000-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/fhir/Encounter?date=soon")).StatusCode);
    }

    [Fact]
    public async Task Organizations_and_staff_are_readable_by_any_staff_user()
    {
        var client = await factory.ClientAsync("sag.hjoerring");
        var aalborg = await (await client.GetAsync($"/fhir/Organization?identifier={Uri.EscapeDataString("http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes|0851")}")).ResourceAsync<Bundle>();
        var org = (Organization)aalborg.Entry.Single().Resource;
        Assert.Equal("Aalborg Kommune", org.Name);
        var region = await (await client.GetAsync($"/fhir/{org.PartOf.Reference}")).ResourceAsync<Organization>();
        Assert.Equal("DK-81", region.Identifier.Single().Value);

        var staff = await (await client.GetAsync($"/fhir/Practitioner?identifier={Uri.EscapeDataString(CaseHubUrls.StaffUserSystem + "|kontakt.s4")}")).ResourceAsync<Bundle>();
        var practitioner = (Practitioner)staff.Entry.Single().Resource;
        Assert.Equal("Camilla Berg", practitioner.Name.Single().Text);
        var roles = await (await client.GetAsync($"/fhir/PractitionerRole?practitioner=Practitioner/{practitioner.Id}")).ResourceAsync<Bundle>();
        var role = (PractitionerRole)roles.Entry.Single().Resource;
        Assert.Equal("PsychiatryContactPerson", role.Code.Single().Coding.Single().Code);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/fhir/{role.Organization.Reference}")).StatusCode);
    }

    [Fact]
    public async Task Xml_by_accept_header()
    {
        var id = await PatientIdAsync("1203851236");
        var client = await factory.ClientAsync("kontakt.s4");
        var response = await client.SendAsync(HttpMethod.Get, $"/fhir/Patient/{id}", headers: ("Accept", FhirTestClient.Xml));
        Assert.Equal(FhirTestClient.Xml, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(id.ToString(), (await response.ResourceAsync<Patient>()).Id);
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.GetAsync($"/fhir/Patient/{id}?_format=turtle")).StatusCode);
    }

    [Fact]
    public async Task A_change_made_in_the_domain_becomes_a_new_version_with_the_old_one_kept()
    {
        var id = await PatientIdAsync("0507921417");
        var client = await factory.ClientAsync("kontakt.s3");
        var before = await (await client.GetAsync($"/fhir/Patient/{id}")).ResourceAsync<Patient>();

        await factory.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == id);
            patient.Phone = "99 88 77 66";
            return await db.SaveChangesAsync();
        });

        var after = await (await client.GetAsync($"/fhir/Patient/{id}")).ResourceAsync<Patient>();
        Assert.Equal(int.Parse(before.Meta.VersionId, System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(after.Meta.VersionId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("99 88 77 66", after.Telecom.Single().Value);

        var old = await (await client.GetAsync($"/fhir/Patient/{id}/_history/{before.Meta.VersionId}")).ResourceAsync<Patient>();
        Assert.Equal(before.Telecom.Single().Value, old.Telecom.Single().Value);
        var history = await (await client.GetAsync($"/fhir/Patient/{id}/_history")).ResourceAsync<Bundle>();
        Assert.Equal(Bundle.BundleType.History, history.Type);
        Assert.Equal([after.Meta.VersionId, before.Meta.VersionId], history.Entry.Select(e => e.Resource.Meta.VersionId).Take(2));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/Patient/{id}/_history/99")).StatusCode);
    }

    [Fact]
    public async Task Administrators_read_a_patients_audit_trail_as_audit_events_and_others_may_not()
    {
        var id = await PatientIdAsync("1203851236");
        await (await factory.ClientAsync("kontakt.s4")).GetAsync($"/fhir/Patient/{id}");

        var bundle = await (await (await factory.ClientAsync("admin")).GetAsync($"/fhir/AuditEvent?patient=Patient/{id}")).ResourceAsync<Bundle>();
        var events = bundle.Entry.Select(e => (AuditEvent)e.Resource).ToList();
        Assert.Contains(events, e => e.Agent.Single().Who.Identifier.Value == "kontakt.s4" && e.Subtype.Single().Code == "fhir.read");
        var single = await (await factory.ClientAsync("admin")).GetAsync($"/fhir/AuditEvent/{events[0].Id}");
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal("W/\"1\"", single.Headers.ETag!.ToString());
        var history = await (await (await factory.ClientAsync("admin")).GetAsync($"/fhir/AuditEvent/{events[0].Id}/_history")).ResourceAsync<Bundle>();
        Assert.Equal(events[0].Recorded, history.Entry.Single().Resource.Meta.LastUpdated);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientAsync("admin")).GetAsync($"/fhir/AuditEvent/{events[0].Id}/_history/1")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.FhirResourceVersions.AnyAsync(v => v.ResourceType == "AuditEvent")));

        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientAsync("kontakt.s4")).GetAsync($"/fhir/AuditEvent?patient=Patient/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientAsync("kontakt.s4")).GetAsync($"/fhir/AuditEvent/{events[0].Id}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_types_and_ids_are_404_operation_outcomes()
    {
        var client = await factory.ClientAsync("kontakt.s4");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fhir/Spaceship/1")).StatusCode);
        var missing = await client.GetAsync($"/fhir/Patient/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotFound, (await missing.ResourceAsync<OperationOutcome>()).Issue.Single().Code);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fhir/Patient/not-a-guid")).StatusCode);
    }
}
