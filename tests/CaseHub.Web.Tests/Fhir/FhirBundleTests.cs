// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Globalization;
using System.Net;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Core.Organizations;
using CaseHub.Web.Tests.Agreements;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>Transaction Bundles at POST /fhir: all or nothing, references between entries, every entry's outcome; and batch.</summary>
public class FhirBundleTests(LongWardPeriodFactory factory) : IClassFixture<LongWardPeriodFactory>
{
    private static Bundle.EntryComponent Post(Resource resource, string fullUrl = null, string ifNoneExist = null) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName, IfNoneExist = ifNoneExist },
    };

    private static Bundle Transaction(params Bundle.EntryComponent[] entries) => new() { Type = Bundle.BundleType.Transaction, Entry = [.. entries] };

    private static string Uuid() => "urn:uuid:" + Guid.NewGuid();

    /// <summary>A valid CPR number (7th digit 1: born 19xx) that no other test in this class uses.</summary>
    private static string Cpr(int day, int serial) => $"{day:00}0791{serial:0000}";

    private Task<HttpResponseMessage> PostAsync(HttpClient client, Bundle bundle) => client.SendAsync(HttpMethod.Post, "/fhir", FhirTestClient.ToJson(bundle));

    private Task<Guid> OrganizationIdAsync(string code) => factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task A_ward_sends_patient_admission_and_udskrivningsaftale_in_one_transaction_with_references_between_the_entries()
    {
        // Lars Thomsen was on S3 and has been discharged: the ward finds him by CPR (conditional create), admits him and starts the agreement.
        // (200 days ago: hence the factory with a year-long ward period; re-admission after the period goes through the
        // Admit page or a hospital notification, which identify the patient by CPR.)
        var wardId = await OrganizationIdAsync(ReferenceData.Codes.WardAalborgS3);
        var (patientUrl, admissionUrl) = (Uuid(), Uuid());
        var carePlan = FhirCarePlanWriteTests.Agreement(Guid.Empty, Guid.Empty, wardId);
        carePlan.Subject.Reference = patientUrl;
        carePlan.Encounter.Reference = admissionUrl;
        var encounter = FhirSamples.Admission(Guid.Empty, wardId);
        encounter.Subject.Reference = patientUrl;
        var bundle = Transaction(
            Post(carePlan, Uuid()), // before what it refers to: the server orders the entries
            Post(FhirSamples.Patient("1502832345", "Lars", "Thomsen"), patientUrl, $"identifier={FhirSamples.Cpr}|1502832345"),
            Post(encounter, admissionUrl));

        var response = await PostAsync(await factory.ClientAsync("kontakt.s3"), bundle);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.ResourceAsync<Bundle>();
        Assert.Equal(Bundle.BundleType.TransactionResponse, result.Type);
        Assert.Equal(["201 Created", "200 OK", "201 Created"], result.Entry.Select(e => e.Response.Status));
        Assert.All(result.Entry, e => Assert.Matches("^W/\"\\d+\"$", e.Response.Etag));

        var patientId = await factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == "1502832345").Select(p => p.Id).SingleAsync());
        var admissionId = Guid.Parse(result.Entry[2].Resource.Id);
        Assert.Equal($"Encounter/{admissionId}/_history/1", result.Entry[2].Response.Location);
        var plan = (CarePlan)result.Entry[0].Resource;
        Assert.Equal(($"Patient/{patientId}", $"Encounter/{admissionId}"), (plan.Subject.Reference, plan.Encounter.Reference));
        var document = await factory.WithDbAsync(db => db.CareDocuments.SingleAsync(d => d.AdmissionId == admissionId));
        Assert.Equal((patientId, DocumentStatus.Draft, "Isolerer sig og sover dårligt"), (document.PatientId, document.Status, document.WarningSigns));
        Assert.Equal(patientId, await factory.WithDbAsync(db => db.Admissions.Where(a => a.Id == admissionId).Select(a => a.PatientId).SingleAsync()));
    }

    [Fact]
    public async Task One_bad_entry_rolls_back_every_entry_and_the_outcome_names_it()
    {
        // Only this test writes as Hjørring's caseworker, so the audit count below is its own.
        var client = await factory.ClientAsync("sag.hjoerring");
        var bundle = Transaction(
            Post(FhirSamples.Patient(Cpr(1, 1001), "Anna", "Ager", "0860")),
            Post(FhirSamples.Patient(Cpr(2, 1002), "Bo", "Bak", "0860")),
            Post(FhirSamples.Patient(Cpr(3, 1003), "Carl", "Cox", "0860")),
            Post(FhirSamples.Patient("010791123", "Dan", "Dyb", "0860", birthDate: "1991-07-01"))); // a CPR number of nine digits

        var response = await PostAsync(client, bundle);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await response.ResourceAsync<OperationOutcome>();
        Assert.All(outcome.Issue.SelectMany(i => i.Expression), path => Assert.StartsWith("Bundle.entry[3].resource", path, StringComparison.Ordinal));
        Assert.All(outcome.Issue, i => Assert.StartsWith("Post 3 (POST Patient): ", i.Diagnostics, StringComparison.Ordinal));

        string[] cprs = [Cpr(1, 1001), Cpr(2, 1002), Cpr(3, 1003), "010791123"];
        Assert.False(await factory.WithDbAsync(db => db.Patients.AnyAsync(p => cprs.Contains(p.Cpr))));
        Assert.Equal(0, await factory.WithDbAsync(db => db.FhirResourceVersions.CountAsync(v => v.ResourceType == "Patient" && v.PatientId != null && !db.Patients.Any(p => p.Id == v.PatientId))));
        // The attempt is on the audit trail all the same.
        Assert.Equal(3, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Username == "sag.hjoerring" && e.Action == "fhir.create" && !db.Patients.Any(p => p.Id == e.PatientId))));
    }

    [Fact]
    public async Task A_domain_refusal_late_in_the_transaction_takes_back_the_document_made_before_it()
    {
        var (patientId, admissionId, _) = await AgreementKit.AdmitAsync(factory);
        var wardId = await OrganizationIdAsync(ReferenceData.Codes.WardAalborgS4);
        var bundle = Transaction(
            Post(FhirCarePlanWriteTests.Agreement(patientId, admissionId, wardId)),
            Post(FhirCarePlanWriteTests.Agreement(patientId, admissionId, wardId))); // a second live document for the admission

        var response = await PostAsync(await factory.ClientAsync("kontakt.s4"), bundle);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["Bundle.entry[1].resource.encounter"], await response.IssuePathsAsync());
        Assert.False(await factory.WithDbAsync(db => db.CareDocuments.AnyAsync(d => d.AdmissionId == admissionId)));
        Assert.False(await factory.WithDbAsync(db => db.DocumentEvents.AnyAsync(e => e.PatientId == patientId)));
    }

    [Fact]
    public async Task A_stale_if_match_on_a_put_entry_is_412_naming_it_and_takes_back_the_create_before_it()
    {
        var (patientId, admissionId, _) = await AgreementKit.AdmitAsync(factory);
        var wardId = await OrganizationIdAsync(ReferenceData.Codes.WardAalborgS4);
        var client = await factory.ClientAsync("kontakt.s4");
        var encounter = await (await client.GetAsync($"/fhir/Encounter/{admissionId}")).ResourceAsync<Encounter>();
        encounter.Extension.RemoveAll(e => e.Url == CaseHub.Fhir.Common.CaseHubUrls.PlannedDischargeDateExtension);
        var put = new Bundle.EntryComponent
        {
            FullUrl = $"Encounter/{admissionId}",
            Resource = encounter,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"Encounter/{admissionId}", IfMatch = $"W/\"{int.Parse(encounter.Meta.VersionId, CultureInfo.InvariantCulture) + 5}\"" },
        };

        var response = await PostAsync(client, Transaction(put, Post(FhirCarePlanWriteTests.Agreement(patientId, admissionId, wardId))));
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var outcome = await response.ResourceAsync<OperationOutcome>();
        Assert.Equal(["Bundle.entry[0].resource"], outcome.Issue.SelectMany(i => i.Expression));
        Assert.StartsWith($"Post 0 (PUT Encounter/{admissionId}): ", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.CareDocuments.AnyAsync(d => d.AdmissionId == admissionId)));
        Assert.NotNull(await factory.WithDbAsync(db => db.Admissions.Where(a => a.Id == admissionId).Select(a => a.PlannedDischargeDate).SingleAsync()));

        put.Request.IfMatch = $"W/\"{encounter.Meta.VersionId}\"";
        var ok = await PostAsync(client, Transaction(put, Post(FhirCarePlanWriteTests.Agreement(patientId, admissionId, wardId))));
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        Assert.Equal(["200 OK", "201 Created"], (await ok.ResourceAsync<Bundle>()).Entry.Select(e => e.Response.Status));
        Assert.Null(await factory.WithDbAsync(db => db.Admissions.Where(a => a.Id == admissionId).Select(a => a.PlannedDischargeDate).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.CareDocuments.AnyAsync(d => d.AdmissionId == admissionId)));
    }

    [Fact]
    public async Task Malformed_bundles_are_refused_before_anything_runs()
    {
        var client = await factory.ClientAsync("sag.aalborg");
        var dangling = FhirSamples.Admission(Guid.Empty, Guid.NewGuid());
        dangling.Subject.Reference = Uuid();
        var unresolved = await PostAsync(client, Transaction(Post(FhirSamples.Patient(Cpr(4, 1004))), Post(dangling)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unresolved.StatusCode);
        Assert.Equal(["Bundle.entry[1].resource.subject.reference"], await unresolved.IssuePathsAsync());
        Assert.False(await factory.WithDbAsync(db => db.Patients.AnyAsync(p => p.Cpr == Cpr(4, 1004))));

        var wrongUrl = Post(FhirSamples.Patient(Cpr(5, 1005)));
        wrongUrl.Request.Url = "Encounter";
        var noRequest = new Bundle.EntryComponent { Resource = FhirSamples.Patient(Cpr(6, 1006)) };
        var refused = await PostAsync(client, Transaction(wrongUrl, noRequest));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["Bundle.entry[0].resource.resourceType", "Bundle.entry[1].request"], await refused.IssuePathsAsync());

        var collection = await PostAsync(client, new Bundle { Type = Bundle.BundleType.Collection });
        Assert.Equal(HttpStatusCode.BadRequest, collection.StatusCode);
        Assert.Equal(["Bundle.type"], await collection.IssuePathsAsync());
    }

    [Fact]
    public async Task Twenty_entries_are_created_in_one_transaction()
    {
        var entries = Enumerable.Range(1, 20).Select(i => Post(FhirSamples.Patient(Cpr(i, 2000 + i), "Nr" + i, "Tyve"), Uuid())).ToArray();
        var response = await PostAsync(await factory.ClientAsync("sag.aalborg"), Transaction(entries));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.ResourceAsync<Bundle>();
        Assert.Equal(20, result.Entry.Count(e => e.Response.Status == "201 Created" && e.Response.Location.StartsWith("Patient/", StringComparison.Ordinal)));
        Assert.Equal(20, await factory.WithDbAsync(db => db.Patients.CountAsync(p => p.FamilyName == "Tyve")));
    }

    [Fact]
    public async Task A_batch_runs_each_entry_on_its_own()
    {
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Batch,
            Entry = [Post(FhirSamples.Patient(Cpr(7, 3007), "Eva", "Eg")), Post(FhirSamples.Patient(Cpr(8, 3008), municipality: "0860"))], // Hjørring: not the caller's
        };
        var response = await PostAsync(await factory.ClientAsync("sag.aalborg"), bundle);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ResourceAsync<Bundle>();
        Assert.Equal(Bundle.BundleType.BatchResponse, result.Type);
        Assert.Equal(["201 Created", "403 Forbidden"], result.Entry.Select(e => e.Response.Status));
        Assert.Equal(OperationOutcome.IssueType.Forbidden, ((OperationOutcome)result.Entry[1].Response.Outcome).Issue.Single().Code);
        Assert.True(await factory.WithDbAsync(db => db.Patients.AnyAsync(p => p.Cpr == Cpr(7, 3007))));
        Assert.False(await factory.WithDbAsync(db => db.Patients.AnyAsync(p => p.Cpr == Cpr(8, 3008))));
    }

    [Fact]
    public async Task The_capability_statement_offers_transaction_and_batch_and_careplan_writes()
    {
        var statement = await (await (await factory.ClientAsync(null)).GetAsync("/fhir/metadata")).ResourceAsync<CapabilityStatement>();
        var rest = statement.Rest.Single();
        Assert.Equal([CapabilityStatement.SystemRestfulInteraction.Transaction, CapabilityStatement.SystemRestfulInteraction.Batch], rest.Interaction.Select(i => i.Code));
        var carePlan = rest.Resource.Single(r => r.Type == "CarePlan");
        Assert.Contains(carePlan.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create);
        Assert.Contains(carePlan.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
        Assert.True(carePlan.ConditionalCreate);
        Assert.Contains(carePlan.SearchParam, p => p.Name == "identifier");
    }
}
