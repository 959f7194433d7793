using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CaseHub.Core.Admissions;
using CaseHub.Core.Exchange;
using Codes = CaseHub.Core.Organizations.ReferenceData.Codes;
using CaseHub.Fhir.Exchange;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Web.Tests.Exchange.ExchangePair;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Exchange;

/// <summary>
/// The full MedCom envelope: a HospitalNotification message Bundle (MessageHeader, Encounter, Patient, Organization)
/// posted to the municipality's <c>$exchange</c> is applied like the bare Encounter; a malformed one is refused with
/// the path of the problem.
/// </summary>
public sealed class HospitalNotificationMessageTests(ExchangePair pair) : IClassFixture<ExchangePair>
{
    private const string Base = "https://region.test/fhir/";

    [Fact]
    public async Task A_MedCom_message_admits_and_discharges_once_per_episode_of_care_with_references_resolved_in_the_bundle()
    {
        var (_, cpr, _) = await pair.PatientAsync();
        var episode = "forloeb-" + Guid.NewGuid().ToString("N");
        var now = pair.Clock.GetUtcNow().UtcDateTime;
        var client = pair.Municipality.CreateClient();
        Task<List<Admission>> AdmissionsAsync() => pair.Municipality.WithDbAsync(db => db.Admissions.AsNoTracking().Include(a => a.Ward).Include(a => a.Patient).Where(a => a.EpisodeOfCareId == episode).ToListAsync());

        // Relative references resolved against the entries' full URLs.
        var admitted = Message(episode, Encounter.EncounterStatus.InProgress, cpr, now.AddDays(-1), null, urnUuids: false);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, Json(admitted))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, Json(admitted))).StatusCode);
        var admission = Assert.Single(await AdmissionsAsync());
        Assert.Equal((Codes.WardAalborgS4, cpr, (DateTime?)null), (admission.Ward!.Code, admission.Patient!.Cpr, admission.End));
        Assert.True(await pair.Municipality.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "exchange.admission" && e.DataId == admission.Id.ToString())));

        // urn:uuid full URLs, as a message built without a server has them.
        var discharged = Message(episode, Encounter.EncounterStatus.Finished, cpr, now.AddDays(-1), now.AddHours(-1), urnUuids: true);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, Json(discharged))).StatusCode);
        Assert.NotNull(Assert.Single(await AdmissionsAsync()).End);
    }

    [Fact]
    public async Task A_malformed_message_is_refused_with_the_path_of_the_problem_and_nothing_is_stored()
    {
        var (_, cpr, _) = await pair.PatientAsync();
        var now = pair.Clock.GetUtcNow().UtcDateTime;
        var client = pair.Municipality.CreateClient();
        var episode = "forloeb-" + Guid.NewGuid().ToString("N");
        Bundle Valid() => Message(episode, Encounter.EncounterStatus.InProgress, cpr, now, null, urnUuids: false);

        var cases = new (Action<Bundle> Break, string Path)[]
        {
            (b => b.Type = Bundle.BundleType.Collection, "Bundle.type"),
            (b => b.Entry.Reverse(), "Bundle.entry[0].resource"),
            (b => ((MessageHeader)b.Entry[0].Resource!).Event = new Coding(HospitalNotificationMessage.EventSystem, "care-communication-message"), "Bundle.entry[0].resource.eventCoding"),
            (b => ((MessageHeader)b.Entry[0].Resource!).Focus = [new ResourceReference("Encounter/findes-ikke")], "Bundle.entry[0].resource.focus[0]"),
            (b => b.Entry.RemoveAll(e => e.Resource is Patient), "Bundle.entry[1].resource.subject"),
            (b => ((Organization)b.Entry.Single(e => e.Resource is Organization).Resource!).Identifier.Clear(), "Bundle.entry[1].resource.serviceProvider"),
            (b => ((Encounter)b.Entry[1].Resource!).EpisodeOfCare.Clear(), "Bundle.entry[1].resource.episodeOfCare.identifier"),
        };
        foreach (var (breakIt, path) in cases)
        {
            var bundle = Valid();
            breakIt(bundle);
            var response = await PostAsync(client, Json(bundle));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("\"OperationOutcome\"", body, StringComparison.Ordinal);
            Assert.Contains($"\"expression\":[\"{path}\"]", body.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Equal(0, await pair.Municipality.WithDbAsync(db => db.Admissions.CountAsync(a => a.EpisodeOfCareId == episode)));
        Assert.True(await pair.Municipality.WithDbAsync(db => db.InboundRejections.AnyAsync(r => r.ResourceType == "Bundle" && r.Reason.Contains("hospitalsnotifikation"))));
    }

    [Fact]
    public async Task An_admission_whose_second_step_fails_leaves_nothing_stored_and_the_resent_notification_admits_once()
    {
        var (_, cpr, _) = await pair.PatientAsync();
        var host = pair.Municipality;
        var episode = "forloeb-" + Guid.NewGuid().ToString("N");
        var message = Json(Message(episode, Encounter.EncounterStatus.InProgress, cpr, pair.Clock.GetUtcNow().UtcDateTime.AddHours(-3), null, urnUuids: false));
        Task<int> AdmissionsAsync() => host.WithDbAsync(db => db.Admissions.CountAsync(a => a.Patient!.Cpr == cpr));

        // AdmitPatient's save succeeds; the save of the episode of care fails: nothing of the admission is kept.
        host.Fault.When = db => db.ChangeTracker.Entries<Admission>().Any(a => a.State == EntityState.Modified && a.Property(x => x.EpisodeOfCareId).IsModified);
        HttpStatusCode? status = null;
        try
        {
            status = (await PostAsync(host.CreateClient(), message)).StatusCode;
        }
        catch (InvalidOperationException e) when (e.Message.Contains(SaveFault.Message, StringComparison.Ordinal))
        {
            // The test server lets the unhandled exception through to the caller; a real sender gets a 500 and retries.
        }
        finally
        {
            host.Fault.When = null;
        }

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal(0, await AdmissionsAsync());
        var patientId = await host.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());
        Assert.False(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "exchange.admission" && e.PatientId == patientId)));

        // The fault is gone; the sender's retry admits the patient, once, with the episode of care.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host.CreateClient(), message)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host.CreateClient(), message)).StatusCode);
        Assert.Equal(1, await AdmissionsAsync());
        Assert.Equal(1, await host.WithDbAsync(db => db.Admissions.CountAsync(a => a.EpisodeOfCareId == episode)));
    }

    /// <summary>A HospitalNotification message as MedCom builds it: MessageHeader (focus the Encounter), Encounter, Patient, the ward.</summary>
    private static Bundle Message(string episode, Encounter.EncounterStatus status, string cpr, DateTime start, DateTime? end, bool urnUuids)
    {
        string Url(string type, string id) => urnUuids ? "urn:uuid:" + id : Base + type + "/" + id;
        string Ref(string type, string id) => urnUuids ? "urn:uuid:" + id : type + "/" + id;
        var (headerId, encounterId, patientId, wardId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var encounter = new Encounter
        {
            Id = encounterId,
            Status = status,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
            EpisodeOfCare = [new ResourceReference { Identifier = new Identifier("https://sor2.sum.dsdn.dk/#id=953741000016009", episode) }],
            Subject = new ResourceReference(Ref("Patient", patientId)),
            ServiceProvider = new ResourceReference(Ref("Organization", wardId)),
            Period = new Period
            {
                StartElement = new FhirDateTime(new DateTimeOffset(start, TimeSpan.Zero)),
                EndElement = end is { } e ? new FhirDateTime(new DateTimeOffset(e, TimeSpan.Zero)) : null,
            },
        };
        var header = new MessageHeader
        {
            Id = headerId,
            Event = new Coding(HospitalNotificationMessage.EventSystem, HospitalNotificationMessage.EventCode),
            Source = new MessageHeader.MessageSourceComponent { Endpoint = "https://region.test/medcom" },
            Sender = new ResourceReference(Ref("Organization", wardId)),
            Focus = [new ResourceReference(Url("Encounter", encounterId))],
        };
        var patient = new Patient { Id = patientId, Identifier = [new Identifier(ExchangeCarePlan.CprSystem, cpr)] };
        var ward = new Organization { Id = wardId, Name = "Afsnit S4", Identifier = [new Identifier(Core.Organizations.Organization.CodeSystems.Sor, Codes.WardAalborgS4)] };
        return new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Message,
            Timestamp = DateTimeOffset.UtcNow,
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = Url("MessageHeader", headerId), Resource = header },
                new Bundle.EntryComponent { FullUrl = Url("Encounter", encounterId), Resource = encounter },
                new Bundle.EntryComponent { FullUrl = Url("Patient", patientId), Resource = patient },
                new Bundle.EntryComponent { FullUrl = Url("Organization", wardId), Resource = ward },
            ],
        };
    }

    private static string Json(Bundle bundle) => Fhir.FhirTestClient.ToJson(bundle);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/" + ExchangeClient.Operation)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RegionToMunicipality);
        return client.SendAsync(request);
    }
}
