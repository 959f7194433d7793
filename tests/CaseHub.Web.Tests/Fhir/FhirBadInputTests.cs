// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Net;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Common;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>The bad-input list of issue 4: each gives an OperationOutcome naming the element, never a 500, and stores nothing.</summary>
public class FhirBadInputTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private async Task<(HttpStatusCode Status, List<string> Paths, OperationOutcome Outcome)> PostAsync(string url, string body, string contentType = FhirTestClient.Json, string user = "sag.aalborg")
    {
        var before = await factory.WithDbAsync(db => db.Patients.CountAsync());
        var response = await (await factory.ClientAsync(user)).SendAsync(HttpMethod.Post, url, body, contentType);
        var outcome = await response.ResourceAsync<OperationOutcome>();
        Assert.Equal(before, await factory.WithDbAsync(db => db.Patients.CountAsync()));
        return (response.StatusCode, outcome.Issue.SelectMany(i => i.Expression).ToList(), outcome);
    }

    [Fact]
    public async Task Malformed_json()
    {
        var (status, paths, _) = await PostAsync("/fhir/Patient", "{\"resourceType\": \"Patient\", \"name\": [");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(paths);
    }

    [Fact]
    public async Task Wrong_resource_type()
    {
        var (status, paths, _) = await PostAsync("/fhir/Patient", """{"resourceType":"Organization","name":"X"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["resourceType"], paths);
    }

    [Fact]
    public async Task Unknown_element()
    {
        var json = FhirTestClient.ToJson(FhirSamples.Patient("0607901234")).Replace("\"birthDate\"", "\"nickname\":\"Sa\",\"birthDate\"", StringComparison.Ordinal);
        var (status, paths, _) = await PostAsync("/fhir/Patient", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["Patient.nickname"], paths);
    }

    [Fact]
    public async Task A_cpr_number_that_is_not_ten_digits_breaks_the_profile_invariant()
    {
        var patient = FhirSamples.Patient("0607901234");
        patient.Identifier[0].Value = "060790-1234";
        var (status, paths, outcome) = await PostAsync("/fhir/Patient", FhirTestClient.ToJson(patient));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["Patient"], paths);
        Assert.StartsWith("chp-1", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cpr_number_whose_date_does_not_exist_fails_the_domain_rule_at_the_cpr_value()
    {
        var patient = FhirSamples.Patient("0607901234", birthDate: "1990-02-31");
        patient.Identifier[0].Value = "3102901234";
        patient.BirthDate = "1990-02-28";
        var (status, paths, outcome) = await PostAsync("/fhir/Patient", FhirTestClient.ToJson(patient));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["Patient.identifier.where(system='urn:oid:1.2.208.176.1.2').value"], paths);
        Assert.Equal("CPR-nummerets første 6 cifre er ikke en gyldig dato.", outcome.Issue.Single().Diagnostics);
    }

    [Fact]
    public async Task A_profile_violation_names_every_element()
    {
        var patient = FhirSamples.Patient("0607901234");
        patient.Extension.Clear();
        patient.Name.Add(new HumanName { Family = "Two" });
        var (status, paths, _) = await PostAsync("/fhir/Patient", FhirTestClient.ToJson(patient));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["Patient.extension", "Patient.name", "Patient.name[1].given"], paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_municipality_code_is_refused_at_the_extension()
    {
        var (status, paths, _) = await PostAsync("/fhir/Patient", FhirTestClient.ToJson(FhirSamples.Patient("0607901234", municipality: "0999")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([$"Patient.extension.where(url='{CaseHubUrls.MunicipalityOfResidence}').value.code"], paths);
    }

    [Fact]
    public async Task A_reference_to_a_patient_that_does_not_exist_or_the_caller_may_not_see_gets_the_same_answer()
    {
        var ward = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == ReferenceData.Codes.WardAalborgS4).Select(o => o.Id).SingleAsync());
        var hidden = await factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == "0606951234").Select(p => p.Id).SingleAsync()); // in Aarhus
        foreach (var patientId in new[] { Guid.NewGuid(), hidden })
        {
            var before = await factory.WithDbAsync(db => db.Admissions.CountAsync());
            var (status, paths, outcome) = await PostAsync("/fhir/Encounter", FhirTestClient.ToJson(FhirSamples.Admission(patientId, ward)), user: "kontakt.s4");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Equal(["Encounter.subject.reference"], paths);
            Assert.Equal($"Patient/{patientId} findes ikke, eller du har ikke adgang til borgeren.", outcome.Issue.Single().Diagnostics);
            Assert.Equal(before, await factory.WithDbAsync(db => db.Admissions.CountAsync()));
        }
    }

    [Fact]
    public async Task A_reference_that_is_not_a_casehub_patient_is_refused_at_the_reference()
    {
        var encounter = FhirSamples.Admission(Guid.NewGuid(), Guid.NewGuid());
        encounter.Subject.Reference = "https://other.example/fhir/Patient/7";
        var (status, paths, _) = await PostAsync("/fhir/Encounter", FhirTestClient.ToJson(encounter), user: "kontakt.s4");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["Encounter.subject.reference"], paths);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var patient = FhirSamples.Patient("0607901234");
        patient.Address = [new Address { Text = new string('x', 1024 * 1024) }];
        var (status, _, outcome) = await PostAsync("/fhir/Patient", FhirTestClient.ToJson(patient));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(OperationOutcome.IssueType.TooLong, outcome.Issue.Single().Code);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Unsupported_media_type_is_415(string contentType)
    {
        var (status, _, _) = await PostAsync("/fhir/Patient", FhirTestClient.ToJson(FhirSamples.Patient("0607901234")), contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task An_unreadable_if_match_is_400_and_a_stale_one_412()
    {
        var client = await factory.ClientAsync("sag.aalborg");
        var id = await factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == "1203851236").Select(p => p.Id).SingleAsync());
        var current = await (await client.GetAsync($"/fhir/Patient/{id}")).ResourceAsync<Patient>();
        var body = FhirTestClient.ToJson(current);

        var unreadable = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", body, headers: ("If-Match", "yesterday"));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(["If-Match"], await unreadable.IssuePathsAsync());

        var stale = await client.SendAsync(HttpMethod.Put, $"/fhir/Patient/{id}", body, headers: ("If-Match", "W/\"999\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task Writes_to_read_only_types_are_405_and_bad_paging_400()
    {
        var client = await factory.ClientAsync("sag.aalborg");
        var create = await client.SendAsync(HttpMethod.Post, "/fhir/Organization", """{"resourceType":"Organization","name":"X"}""");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, create.StatusCode);
        await create.ResourceAsync<OperationOutcome>();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/fhir/Patient?_count=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, "/fhir/Patient", FhirTestClient.ToJson(FhirSamples.Patient("0607901234")),
            headers: ("If-None-Exist", "name=Sara"))).StatusCode);
    }
}
