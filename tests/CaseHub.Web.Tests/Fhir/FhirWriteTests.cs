// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Core.Organizations;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

public class FhirWriteTests(LongWardPeriodFactory factory) : IClassFixture<LongWardPeriodFactory>
{
    private Task<Guid> PatientIdAsync(string cpr) => factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    private Task<Guid> OrganizationIdAsync(string code) => factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task A_caseworker_creates_a_citizen_who_is_the_same_patient_the_case_page_shows()
    {
        var client = await factory.ClientAsync("sag.aalborg");
        var response = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", FhirTestClient.ToJson(FhirSamples.Patient("0102901234", "Sara", "Holm")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ResourceAsync<Patient>();
        Assert.Equal("1", created.Meta.VersionId);
        Assert.Equal("W/\"1\"", response.Headers.ETag!.ToString());
        Assert.EndsWith($"/fhir/Patient/{created.Id}/_history/1", response.Headers.Location!.ToString(), StringComparison.Ordinal);

        var stored = await factory.WithDbAsync(db => db.Patients.Include(p => p.Municipality).SingleAsync(p => p.Cpr == "0102901234"));
        Assert.Equal((created.Id, "Sara", "Holm", "0851", new DateOnly(1990, 2, 1), "11 22 33 44"),
            (stored.Id.ToString(), stored.GivenName, stored.FamilyName, stored.Municipality!.Code, stored.BirthDate, stored.Phone));
        var page = await factory.ClientFor("sag.aalborg").GetPageAsync($"/Patients/Case/{stored.Id}");
        Assert.Equal("Sara Holm", page.QuerySelector("h1")!.TextContent);

        var audit = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.PatientId == stored.Id && e.Action == "fhir.create"));
        Assert.Equal(AuditOutcome.Allowed, audit.Outcome);
    }

    [Fact]
    public async Task Conditional_create_on_the_cpr_number_returns_the_existing_patient_instead_of_a_duplicate()
    {
        var client = await factory.ClientAsync("sag.aalborg");
        var body = FhirTestClient.ToJson(FhirSamples.Patient("0203901234", "Ole", "Berg"));
        var condition = ("If-None-Exist", $"identifier={FhirSamples.Cpr}|0203901234");
        var first = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", body, headers: condition);
        var second = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", body, headers: condition);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.ResourceAsync<Patient>()).Id, (await second.ResourceAsync<Patient>()).Id);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Patients.CountAsync(p => p.Cpr == "0203901234")));

        var noCondition = await client.SendAsync(HttpMethod.Post, "/fhir/Patient", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noCondition.StatusCode);
        Assert.Contains("Patient.identifier.where(system='urn:oid:1.2.208.176.1.2').value", await noCondition.IssuePathsAsync());
    }

    [Theory]
    [InlineData("sag.hjoerring", "0851")] // a caseworker in another municipality than the citizen's
    [InlineData("kontakt.s4", "0851")] // wards register patients by admitting them
    public async Task Only_a_caseworker_of_the_citizens_municipality_may_create(string username, string municipality)
    {
        var response = await (await factory.ClientAsync(username)).SendAsync(HttpMethod.Post, "/fhir/Patient",
            FhirTestClient.ToJson(FhirSamples.Patient("0304901234", municipality: municipality)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, (await response.ResourceAsync<OperationOutcome>()).Issue.Single().Code);
        Assert.False(await factory.WithDbAsync(db => db.Patients.AnyAsync(p => p.Cpr == "0304901234")));
    }

    [Fact]
    public async Task Update_with_if_match_moves_the_version_and_a_stale_if_match_is_412_with_nothing_changed()
    {
        var client = await factory.ClientAsync("sag.aalborg");
        var created = await (await client.SendAsync(HttpMethod.Post, "/fhir/Patient", FhirTestClient.ToJson(FhirSamples.Patient("0405901234", "Ib", "Dal")))).ResourceAsync<Patient>();

        created.Name[0].Family = "Dal-Hansen";
        created.Address = [new Address { Text = "Vesterbro 2, 9000 Aalborg" }];
        var update = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{created.Id}", FhirTestClient.ToJson(created), headers: ("If-Match", "W/\"1\""));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("W/\"2\"", update.Headers.ETag!.ToString());
        Assert.Equal("Dal-Hansen", (await update.ResourceAsync<Patient>()).Name[0].Family);

        created.Name[0].Family = "Stale";
        var stale = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{created.Id}", FhirTestClient.ToJson(created), headers: ("If-Match", "W/\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Conflict, (await stale.ResourceAsync<OperationOutcome>()).Issue.Single().Code);
        Assert.Equal("Dal-Hansen", await factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == "0405901234").Select(p => p.FamilyName).SingleAsync()));

        var v1 = await (await client.GetAsync($"/fhir/Patient/{created.Id}/_history/1")).ResourceAsync<Patient>();
        Assert.Equal("Dal", v1.Name[0].Family);
        Assert.Equal(2, (await (await client.GetAsync($"/fhir/Patient/{created.Id}/_history")).ResourceAsync<Bundle>()).Total);
    }

    [Fact]
    public async Task Update_is_refused_for_a_patient_the_caller_may_not_change_and_the_cpr_cannot_change()
    {
        var id = await PatientIdAsync("1203851236");
        var current = await (await (await factory.ClientAsync("sag.aalborg")).GetAsync($"/fhir/Patient/{id}")).ResourceAsync<Patient>();

        var other = await (await factory.ClientAsync("sag.hjoerring")).SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", FhirTestClient.ToJson(current));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        current.Identifier[0].Value = "1203851237";
        var changed = await (await factory.ClientAsync("sag.aalborg")).SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", FhirTestClient.ToJson(current));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal(["Patient.identifier.where(system='urn:oid:1.2.208.176.1.2').value"], await changed.IssuePathsAsync());

        var wrongId = await (await factory.ClientAsync("sag.aalborg")).SendAsync(HttpMethod.Put, $"/fhir/Patient/{Guid.NewGuid()}", FhirTestClient.ToJson(current));
        Assert.Equal(HttpStatusCode.BadRequest, wrongId.StatusCode);
        Assert.Equal(["Patient.id"], await wrongId.IssuePathsAsync());
    }

    [Fact]
    public async Task A_ward_admits_a_patient_it_may_see_through_the_admission_rules()
    {
        // Lars Thomsen was on S3 and has been discharged; the ward may see him and admit him again.
        var patientId = await PatientIdAsync("1502832345");
        var wardId = await OrganizationIdAsync(ReferenceData.Codes.WardAalborgS3);
        var client = await factory.ClientAsync("kontakt.s3");
        var response = await client.SendAsync(HttpMethod.Post, "/fhir/Encounter", FhirTestClient.ToJson(FhirSamples.Admission(patientId, wardId)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var encounter = await response.ResourceAsync<Encounter>();
        Assert.Equal("2026-03-01T00:00:00+01:00", encounter.Period.Start);

        var admission = await factory.WithDbAsync(db => db.Admissions.SingleAsync(a => a.Id == Guid.Parse(encounter.Id)));
        Assert.Equal((patientId, wardId, (DateTime?)null, new DateOnly(2026, 3, 10)), (admission.PatientId, admission.WardId, admission.End, admission.PlannedDischargeDate.GetValueOrDefault()));

        // Already admitted now: the domain rule answers, at the subject.
        var again = await client.SendAsync(HttpMethod.Post, "/fhir/Encounter", FhirTestClient.ToJson(FhirSamples.Admission(patientId, wardId)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(["Encounter.subject"], await again.IssuePathsAsync());
    }

    [Fact]
    public async Task An_admission_to_another_ward_is_refused_at_the_service_provider()
    {
        var patientId = await PatientIdAsync("1111881118");
        var otherWard = await OrganizationIdAsync(ReferenceData.Codes.WardAalborgS3);
        var response = await (await factory.ClientAsync("kontakt.s4")).SendAsync(HttpMethod.Post, "/fhir/Encounter", FhirTestClient.ToJson(FhirSamples.Admission(patientId, otherWard)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["Encounter.serviceProvider.reference"], await response.IssuePathsAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Admissions.CountAsync(a => a.PatientId == patientId)));
    }

    [Fact]
    public async Task The_ward_discharges_through_an_encounter_update_with_if_match_and_who_the_patient_is_cannot_change()
    {
        var patientId = await PatientIdAsync("1203851236");
        var client = await factory.ClientAsync("kontakt.s4");
        var search = await (await client.GetAsync($"/fhir/Encounter?patient=Patient/{patientId}")).ResourceAsync<Bundle>();
        var encounter = (Encounter)search.Entry.Single().Resource;
        var version = encounter.Meta.VersionId;

        // A caseworker may see the case but only the ward changes its admission: the domain refuses.
        var caseworker = await (await factory.ClientAsync("sag.aalborg")).SendAsync(HttpMethod.Put, $"/fhir/Encounter/{encounter.Id}", FhirTestClient.ToJson(encounter));
        Assert.Equal(HttpStatusCode.Forbidden, caseworker.StatusCode);

        var moved = (Encounter)encounter.DeepCopy();
        moved.Subject.Reference = $"Patient/{await PatientIdAsync("2808691122")}";
        var refused = await client.SendAsync(HttpMethod.Put, $"/fhir/Encounter/{encounter.Id}", FhirTestClient.ToJson(moved));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(["Encounter.subject.reference"], await refused.IssuePathsAsync());

        var end = DateTimeOffset.Parse(encounter.Period.Start, System.Globalization.CultureInfo.InvariantCulture).AddDays(2);
        encounter.Status = Encounter.EncounterStatus.Finished;
        encounter.Period.End = end.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.SendAsync(HttpMethod.Put, $"/fhir/Encounter/{encounter.Id}", FhirTestClient.ToJson(encounter), headers: ("If-Match", $"W/\"{version}\""));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(Encounter.EncounterStatus.Finished, (await response.ResourceAsync<Encounter>()).Status);
        var admission = await factory.WithDbAsync(db => db.Admissions.SingleAsync(a => a.Id == Guid.Parse(encounter.Id)));
        Assert.Equal(end.UtcDateTime, admission.End);

        var stale = await client.SendAsync(HttpMethod.Put, $"/fhir/Encounter/{encounter.Id}", FhirTestClient.ToJson(encounter), headers: ("If-Match", $"W/\"{version}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task Xml_bodies_are_accepted()
    {
        var response = await (await factory.ClientAsync("sag.aalborg")).SendAsync(HttpMethod.Post, "/fhir/Patient",
            FhirTestClient.ToXml(FhirSamples.Patient("0506901234", "Xenia", "Lund")), FhirTestClient.Xml, ("Accept", FhirTestClient.Xml));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(FhirTestClient.Xml, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Xenia", (await response.ResourceAsync<Patient>()).Name[0].Given.Single());
    }
}
