// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Net;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Fhir.Common;
using CaseHub.Web.Tests.Agreements;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>
/// Udskrivningsaftaler and koordinationsplaner written through /fhir: they become documents in the workflow the ward
/// and the municipality see in CaseHub, under the document page's rules, and what the pages change shows in the API.
/// </summary>
public class FhirCarePlanWriteTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private static string Iso(DateOnly day) => AgreementKit.Iso(day);

    private static Annotation Note(string code, string text) => new()
    {
        Extension = [new Extension(CaseHubUrls.DocumentSectionExtension, new Coding(CaseHubUrls.DocumentSectionSystem, code))],
        Text = text,
    };

    private static string Code(CarePlan plan, string url) => ((Coding)plan.Extension.Single(e => e.Url == url).Value).Code;

    /// <summary>An udskrivningsaftale as a client would post it for an admission.</summary>
    internal static CarePlan Agreement(Guid patientId, Guid admissionId, Guid wardId, Guid? series = null, string status = "draft") => new()
    {
        Meta = new Meta { Profile = [CaseHubUrls.UdskrivningsaftaleProfile] },
        Identifier = series is { } s ? [new Identifier(CaseHubUrls.CareDocumentSystem, s.ToString())] : [],
        Extension =
        [
            new Extension(CaseHubUrls.DocumentStatusExtension, new Coding(CaseHubUrls.DocumentStatusSystem, status)),
            new Extension(CaseHubUrls.DocumentLegalBasisExtension, new Coding(CaseHubUrls.DocumentLegalBasisSystem, "13a-stk2")),
        ],
        Status = status == "draft" ? RequestStatus.Draft : RequestStatus.Active,
        Intent = CarePlan.CarePlanIntent.Plan,
        Category = [new CodeableConcept(CaseHubUrls.DocumentKindSystem, "discharge-agreement")],
        Subject = new ResourceReference($"Patient/{patientId}"),
        Encounter = new ResourceReference($"Encounter/{admissionId}"),
        Author = new ResourceReference($"Organization/{wardId}"),
        Note =
        [
            Note("warningSigns", "Isolerer sig og sover dårligt"),
            Note("outpatientUnit", "Ambulatorium Syd"),
        ],
        Activity =
        [
            new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Status = CarePlan.CarePlanActivityStatus.NotStarted,
                    Description = "Bostøtte to gange om ugen",
                    Performer = [new ResourceReference { Type = "Organization", Display = "Aalborg Kommune" }],
                    Scheduled = new Period { End = Iso(AgreementKit.Today.AddDays(7)) },
                },
            },
        ],
    };

    /// <summary>Every field the send check asks for, as notes.</summary>
    private static void Complete(CarePlan plan)
    {
        var today = AgreementKit.Today;
        foreach (var (code, text) in new[]
        {
            ("consentGivenBy", "Borgeren selv"), ("consentDate", Iso(today)), ("consentScope", "Kommunen og egen læge"),
            ("crisisActions", "Ringer til kontaktperson"), ("crisisContacts", "Akutmodtagelsen"),
            ("nonAttendance", "Ambulatoriet ringer samme dag"), ("drawnUpOn", Iso(today)), ("dischargeOn", Iso(today.AddDays(3))),
        })
        {
            plan.Note.RemoveAll(n => ((Coding)n.Extension[0].Value).Code == code);
            plan.Note.Add(Note(code, text));
        }
    }

    private async Task<(Guid PatientId, Guid AdmissionId, Guid WardId)> AdmittedAsync()
    {
        var (patientId, admissionId, _) = await AgreementKit.AdmitAsync(factory);
        var wardId = await factory.WithDbAsync(db => db.Admissions.Where(a => a.Id == admissionId).Select(a => a.WardId).SingleAsync());
        return (patientId, admissionId, wardId);
    }

    private Task<List<CareDocument>> DocumentsAsync(Guid admissionId) =>
        factory.WithDbAsync(db => db.CareDocuments.AsNoTracking().Include(d => d.Actions).Include(d => d.Participants).Where(d => d.AdmissionId == admissionId).ToListAsync());

    [Fact]
    public async Task A_client_creates_an_udskrivningsaftale_that_the_ward_sees_in_caseHub_and_a_retry_with_if_none_exist_creates_nothing()
    {
        var (patientId, admissionId, wardId) = await AdmittedAsync();
        var series = Guid.NewGuid();
        var client = await factory.ClientAsync("kontakt.s4");
        var body = FhirTestClient.ToJson(Agreement(patientId, admissionId, wardId, series));
        var condition = ("If-None-Exist", $"identifier={CaseHubUrls.CareDocumentSystem}|{series}");

        var response = await client.SendAsync(HttpMethod.Post, "/fhir/CarePlan", body, headers: condition);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.ResourceAsync<CarePlan>();
        Assert.Equal("W/\"1\"", response.Headers.ETag!.ToString());
        Assert.EndsWith($"/fhir/CarePlan/{created.Id}/_history/1", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(series.ToString(), created.Identifier.Single().Value);
        Assert.Equal("draft", Code(created, CaseHubUrls.DocumentStatusExtension));

        // A real document in the workflow, made by the use cases (the ward contact person is a participant, consent is not recorded).
        var document = Assert.Single(await DocumentsAsync(admissionId));
        Assert.Equal((created.Id, DocumentKind.DischargeAgreement, DocumentStatus.Draft, series, DocumentLegalBasis.Section13aStk2),
            (document.Id.ToString(), document.Kind, document.Status, document.SeriesId, document.LegalBasis));
        Assert.Equal(("Isolerer sig og sover dårligt", "Ambulatorium Syd"), (document.WarningSigns, document.OutpatientUnit));
        var action = Assert.Single(document.Actions);
        Assert.Equal(("Bostøtte to gange om ugen", "Aalborg Kommune", AgreementKit.Today.AddDays(7), ActionStatus.Planned),
            (action.What, action.ResponsibleOrganization, action.DueOn!.Value, action.Status));
        Assert.Equal(ParticipantRole.WardContactPerson, Assert.Single(document.Participants).Role);
        var contact = created.Extension.Single(e => e.Url == CaseHubUrls.DocumentParticipantExtension);
        Assert.Equal("WardContactPerson", ((Coding)contact.Extension.Single(e => e.Url == "role").Value).Code);

        var ward = factory.ClientFor("kontakt.s4");
        var page = await ward.GetPageAsync($"/Agreements/{document.Id}");
        Assert.Contains("Isolerer sig og sover dårligt", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bostøtte to gange om ugen", page.Body.TextContent, StringComparison.Ordinal);
        var casePage = await ward.GetPageAsync($"/Patients/Case/{patientId}");
        Assert.NotNull(casePage.QuerySelector($"a[href='/Agreements/{document.Id}']"));

        var again = await client.SendAsync(HttpMethod.Post, "/fhir/CarePlan", body, headers: condition);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(created.Id, (await again.ResourceAsync<CarePlan>()).Id);
        var duplicate = await client.SendAsync(HttpMethod.Post, "/fhir/CarePlan", body);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(["CarePlan.identifier[0].value"], await duplicate.IssuePathsAsync());
        Assert.Single(await DocumentsAsync(admissionId));

        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.PatientId == patientId && e.Action == "fhir.create").ToListAsync());
        Assert.Contains(audit, e => e.Outcome == AuditOutcome.Allowed && e.Username == "kontakt.s4");
    }

    [Fact]
    public async Task A_draft_is_edited_with_if_match_a_stale_version_is_412_and_the_pages_changes_show_in_the_api()
    {
        var (patientId, admissionId, wardId) = await AdmittedAsync();
        var client = await factory.ClientAsync("kontakt.s4");
        var created = await (await client.SendAsync(HttpMethod.Post, "/fhir/CarePlan", FhirTestClient.ToJson(Agreement(patientId, admissionId, wardId)))).ResourceAsync<CarePlan>();

        created.Note.Single(n => ((Coding)n.Extension[0].Value).Code == "warningSigns").Text = "Holder op med at spise";
        created.Note.RemoveAll(n => ((Coding)n.Extension[0].Value).Code == "outpatientUnit");
        created.Activity.Clear();
        created.Extension.RemoveAll(e => e.Url == CaseHubUrls.DocumentParticipantExtension); // the ward contact person the draft began with
        created.Extension.Add(new Extension
        {
            Url = CaseHubUrls.DocumentParticipantExtension,
            Extension =
            [
                new Extension("role", new Coding(CaseHubUrls.ParticipantRoleSystem, "GeneralPractitioner")),
                new Extension("name", new FhirString("Læge Hansen")),
                new Extension("organization", new FhirString("Ydernr. 012345")),
            ],
        });
        var update = await client.SendAsync(HttpMethod.Put, $"/fhir/CarePlan/{created.Id}", FhirTestClient.ToJson(created), headers: ("If-Match", "W/\"1\""));
        Assert.True(update.StatusCode == HttpStatusCode.OK, await update.Content.ReadAsStringAsync());
        Assert.Equal("W/\"2\"", update.Headers.ETag!.ToString());
        var document = Assert.Single(await DocumentsAsync(admissionId));
        Assert.Equal(("Holder op med at spise", (string)null), (document.WarningSigns, document.OutpatientUnit));
        Assert.Empty(document.Actions);
        var gp = Assert.Single(document.Participants);
        Assert.Equal((ParticipantRole.GeneralPractitioner, "Læge Hansen", "Ydernr. 012345", (string)null), (gp.Role, gp.Name, gp.Organization, gp.Contact));

        created.Note.Single(n => ((Coding)n.Extension[0].Value).Code == "warningSigns").Text = "Noget helt tredje";
        var stale = await client.SendAsync(HttpMethod.Put, $"/fhir/CarePlan/{created.Id}", FhirTestClient.ToJson(created), headers: ("If-Match", "W/\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("Holder op med at spise", (await DocumentsAsync(admissionId)).Single().WarningSigns);

        // The ward saves the crisis section on the document page; the API shows it as the next version.
        var saved = await factory.ClientFor("kontakt.s4").SubmitFormAsync($"/Agreements/{document.Id}", new Dictionary<string, string>
        {
            ["WarningSigns"] = "Holder op med at spise", ["CrisisActions"] = "Ringer til kontaktperson", ["CrisisContacts"] = "Akutmodtagelsen",
        }, "form[data-section='crisis']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var read = await client.GetAsync($"/fhir/CarePlan/{created.Id}");
        var plan = await read.ResourceAsync<CarePlan>();
        Assert.Equal("3", plan.Meta.VersionId);
        Assert.Equal("Akutmodtagelsen", plan.Note.Single(n => ((Coding)n.Extension[0].Value).Code == "crisisContacts").Text);
    }

    [Fact]
    public async Task The_ward_sends_through_the_api_when_the_domain_allows_and_the_municipality_adds_its_part_and_accepts()
    {
        var (patientId, admissionId, wardId) = await AdmittedAsync();
        var ward = await factory.ClientAsync("kontakt.s4");
        var plan = Agreement(patientId, admissionId, wardId, status: "sent");

        // Sending at once is refused with every missing field named; nothing is created.
        var incomplete = await ward.SendAsync(HttpMethod.Post, "/fhir/CarePlan", FhirTestClient.ToJson(plan));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        var missing = await incomplete.IssuePathsAsync();
        Assert.Contains("CarePlan.note", missing);
        Assert.Contains($"CarePlan.extension.where(url='{CaseHubUrls.DocumentParticipantExtension}')", missing); // only the ward contact person
        Assert.Empty(await DocumentsAsync(admissionId));

        Complete(plan);
        plan.Extension[0].Value = new Coding(CaseHubUrls.DocumentStatusSystem, "draft");
        plan.Status = RequestStatus.Draft;
        var created = await (await ward.SendAsync(HttpMethod.Post, "/fhir/CarePlan", FhirTestClient.ToJson(plan))).ResourceAsync<CarePlan>();
        var documentId = Guid.Parse(created.Id);
        var participant = await factory.ClientFor("kontakt.s4").SubmitFormAsync($"/Agreements/{documentId}", new Dictionary<string, string>
        {
            ["role"] = "Caseworker", ["name"] = "Line Munk", ["organization"] = "Aalborg Kommune", ["contact"] = "99 31 31 31",
        }, "form.doc-add-participant");
        Assert.Equal(HttpStatusCode.Redirect, participant.StatusCode);

        var current = await (await ward.GetAsync($"/fhir/CarePlan/{documentId}")).ResourceAsync<CarePlan>();
        current.Extension.Single(e => e.Url == CaseHubUrls.DocumentStatusExtension).Value = new Coding(CaseHubUrls.DocumentStatusSystem, "sent");
        current.Status = RequestStatus.Active;
        var sent = await ward.SendAsync(HttpMethod.Put, $"/fhir/CarePlan/{documentId}", FhirTestClient.ToJson(current), headers: ("If-Match", $"W/\"{current.Meta.VersionId}\""));
        Assert.True(sent.StatusCode == HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        Assert.Equal(DocumentStatus.Sent, (await DocumentsAsync(admissionId)).Single().Status);

        // Sent: the ward's sections are closed (409 at the note), and the status cannot jump to ended.
        var asSent = await sent.ResourceAsync<CarePlan>();
        var edit = (CarePlan)asSent.DeepCopy();
        edit.Note.Single(n => ((Coding)n.Extension[0].Value).Code == "warningSigns").Text = "Ændret efter afsendelse";
        var closed = await ward.SendAsync(HttpMethod.Put, $"/fhir/CarePlan/{documentId}", FhirTestClient.ToJson(edit));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal([$"CarePlan.note[{edit.Note.FindIndex(n => ((Coding)n.Extension[0].Value).Code == "warningSigns")}].text"], await closed.IssuePathsAsync());

        // The receiving municipality adds social services and accepts in one update.
        var caseworker = await factory.ClientAsync("sag.aalborg");
        var accept = (CarePlan)asSent.DeepCopy();
        accept.Note.Add(Note("housingSupport", "Bostøtte fra Team Øst"));
        accept.Extension.Single(e => e.Url == CaseHubUrls.DocumentStatusExtension).Value = new Coding(CaseHubUrls.DocumentStatusSystem, "accepted");
        var accepted = await caseworker.SendAsync(HttpMethod.Put, $"/fhir/CarePlan/{documentId}", FhirTestClient.ToJson(accept), headers: ("If-Match", $"W/\"{asSent.Meta.VersionId}\""));
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var document = (await DocumentsAsync(admissionId)).Single();
        Assert.Equal((DocumentStatus.Accepted, "Bostøtte fra Team Øst"), (document.Status, document.HousingSupport));
        Assert.Equal("accepted", Code(await accepted.ResourceAsync<CarePlan>(), CaseHubUrls.DocumentStatusExtension));

        var ended = await accepted.ResourceAsync<CarePlan>();
        ended.Extension.Single(e => e.Url == CaseHubUrls.DocumentStatusExtension).Value = new Coding(CaseHubUrls.DocumentStatusSystem, "ended");
        ended.Status = RequestStatus.Completed;
        var refused = await ward.SendAsync(HttpMethod.Put, $"/fhir/CarePlan/{documentId}", FhirTestClient.ToJson(ended));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(DocumentStatus.Accepted, (await DocumentsAsync(admissionId)).Single().Status);
    }

    [Fact]
    public async Task Mistakes_get_operation_outcomes_at_the_element_and_nothing_is_stored()
    {
        var (patientId, admissionId, wardId) = await AdmittedAsync();
        var (otherPatientId, _, _) = await AdmittedAsync();
        var client = await factory.ClientAsync("kontakt.s4");
        async Task<string> PostAsync(CarePlan plan, string username = null)
        {
            var response = await (username is null ? client : await factory.ClientAsync(username)).SendAsync(HttpMethod.Post, "/fhir/CarePlan", FhirTestClient.ToJson(plan));
            return $"{(int)response.StatusCode} {string.Join(" ", await response.IssuePathsAsync())}";
        }

        var noEncounter = Agreement(patientId, admissionId, wardId);
        noEncounter.Encounter = null;
        Assert.Equal("422 CarePlan.encounter", await PostAsync(noEncounter));

        Assert.Equal("422 CarePlan.subject.reference", await PostAsync(Agreement(otherPatientId, admissionId, wardId)));

        var badDate = Agreement(patientId, admissionId, wardId);
        badDate.Note.Add(Note("reviewOn", "næste uge"));
        Assert.Equal("422 CarePlan.note[2].text", await PostAsync(badDate));

        var noProfile = Agreement(patientId, admissionId, wardId);
        noProfile.Meta = null;
        Assert.Equal("422 CarePlan.meta.profile", await PostAsync(noProfile));

        var pastDue = Agreement(patientId, admissionId, wardId);
        pastDue.Activity[0].Detail.Scheduled = new Period { End = Iso(AgreementKit.Today.AddDays(-1)) };
        Assert.Equal("422 CarePlan.activity[0].detail.scheduled.end", await PostAsync(pastDue));

        // Another ward may not see the patient: the same answer as for an admission that does not exist.
        Assert.Equal("422 CarePlan.encounter.reference", await PostAsync(Agreement(patientId, admissionId, wardId), "kontakt.s3"));
        Assert.Equal("422 CarePlan.encounter.reference", await PostAsync(Agreement(patientId, Guid.NewGuid(), wardId)));

        // Only the ward makes the document; the municipality answers it.
        Assert.Equal("403 CarePlan.author", await PostAsync(Agreement(patientId, admissionId, wardId), "sag.aalborg"));

        Assert.Empty(await DocumentsAsync(admissionId));
    }
}
