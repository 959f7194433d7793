using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CaseHub.Core.Agreements;
using CaseHub.Core.Exchange;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CaseHub.Web.Tests.Exchange.ExchangePair;

namespace CaseHub.Web.Tests.Exchange;

/// <summary>
/// The exchange between a region's and a municipality's CaseHub: the full cycle through the real pages and the real
/// <c>$exchange</c> endpoint, and the faults it must survive. Each test makes its own patients and documents.
/// </summary>
public sealed class ExchangeTests(ExchangePair pair) : IClassFixture<ExchangePair>, IDisposable
{
    public void Dispose() => pair.Board.Reset();

    [Fact]
    public async Task The_ward_sends_the_municipality_accepts_in_its_own_CaseHub_and_the_ward_sees_the_acceptance()
    {
        var (admissionId, _, name) = await pair.PatientAsync();
        var documentId = await Agreements.AgreementKit.DocumentAsync(pair.Region, admissionId, DocumentStatus.Sent);

        // The send wrote one outbox row for the municipality, in the same save.
        var row = Assert.Single(await OutboxAsync(pair.Region, documentId));
        Assert.Equal((MunicipalityCode, DeliveryStatus.Pending), (row.ReceiverCode, row.Status));
        Assert.Equal($"{documentId:D}:{row.DocumentVersion}", row.IdempotencyKey);

        await DeliverAsync(pair.Region);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await OutboxAsync(pair.Region, documentId)).Status);

        // The caseworker finds it in the municipality's own Indbakke and accepts it there.
        var caseworker = pair.Municipality.ClientFor("sag.aalborg");
        var inbox = await caseworker.GetPageAsync("/Agreements/Inbox");
        var url = $"/Agreements/{documentId}";
        Assert.Contains(inbox.QuerySelectorAll("#waiting-heading ~ table a"), a => a.TextContent == name && a.GetAttribute("href") == url);
        Assert.Equal(HttpStatusCode.Redirect, (await caseworker.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Housing"] = "Egen lejlighed", ["HousingSupport"] = "Bostøtte mandag og torsdag",
        }, "form[data-section='social']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await caseworker.SubmitFormAsync(url, new Dictionary<string, string?>(), "form.doc-accept")).StatusCode);

        var back = Assert.Single(await OutboxAsync(pair.Municipality, documentId));
        Assert.Equal(RegionCode, back.ReceiverCode);
        await DeliverAsync(pair.Municipality);

        // The ward sees "Accepteret" and the municipality's part, in the region's CaseHub.
        var ward = pair.Region.ClientFor("kontakt.s4");
        var view = await ward.GetPageAsync(url);
        Assert.Equal("Accepteret", view.QuerySelector(".page-head .doc-status")!.TextContent);
        Assert.Contains("Bostøtte mandag og torsdag", view.QuerySelector("[data-section='social']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aalborg Kommune", view.QuerySelector(".doc-timeline")!.TextContent, StringComparison.Ordinal);

        // Both sides audited what the counterpart system did to the patient's document.
        Assert.True(await pair.Municipality.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "exchange.receive" && e.DataId == documentId.ToString() && e.Username == "exchange:" + RegionCode)));
        Assert.True(await pair.Region.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "exchange.receive" && e.DataId == documentId.ToString() && e.Username == "exchange:" + MunicipalityCode)));

        // Applying the acceptance did not echo it back to the municipality.
        Assert.Single(await OutboxAsync(pair.Region, documentId));
    }

    [Fact]
    public async Task A_receiver_down_for_hours_gets_every_document_after_it_returns_and_none_twice()
    {
        var documents = new[] { await pair.SentDocumentAsync(), await pair.SentDocumentAsync(), await pair.SentDocumentAsync() };
        pair.Board.Down.Add(MunicipalityHost);
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            await DeliverAsync(pair.Region);
            var rows = (await Task.WhenAll(documents.Select(d => OutboxAsync(pair.Region, d)))).Select(r => Assert.Single(r)).ToList();
            Assert.All(rows, r => Assert.Equal((DeliveryStatus.Pending, attempt), (r.Status, r.Attempts)));
            Assert.All(rows, r => Assert.Contains("svarer ikke", r.LastError, StringComparison.Ordinal));
            var wait = rows[0].NextAttemptAt - pair.Clock.GetUtcNow().UtcDateTime;
            waits.Add(wait);
            pair.Clock.Advance(wait);
        }

        // Exponential backoff: 1, 2, 4, 8, 16, 32 minutes.
        Assert.Equal([1, 2, 4, 8, 16, 32], waits.Select(w => (int)Math.Round(w.TotalMinutes)));
        foreach (var id in documents)
        {
            Assert.Null(await DocumentAsync(pair.Municipality, id));
        }

        pair.Board.Down.Clear();
        await DeliverAsync(pair.Region);
        await DeliverAsync(pair.Region); // nothing left to send
        foreach (var id in documents)
        {
            Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await OutboxAsync(pair.Region, id)).Status);
            Assert.Equal(DocumentStatus.Sent, (await DocumentAsync(pair.Municipality, id))!.Status);
            Assert.Single(pair.Board.Log, l => l.Key.StartsWith(id.ToString("D"), StringComparison.Ordinal) && l.Status == HttpStatusCode.OK);
            Assert.Equal(1, await pair.Municipality.WithDbAsync(db => db.DocumentEvents.CountAsync(e => e.DocumentId == id)));
        }
    }

    [Fact]
    public async Task A_receiver_failing_one_document_does_not_hold_back_the_others_and_the_failed_one_can_be_resent_by_an_administrator()
    {
        var failing = await pair.SentDocumentAsync();
        var others = new[] { await pair.SentDocumentAsync(), await pair.SentDocumentAsync() };
        pair.Board.Fault = key => key.StartsWith(failing.ToString("D"), StringComparison.Ordinal) ? HttpStatusCode.InternalServerError : null;

        await DeliverAsync(pair.Region);
        foreach (var id in others)
        {
            Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await OutboxAsync(pair.Region, id)).Status);
            Assert.NotNull(await DocumentAsync(pair.Municipality, id));
        }

        // Retried with backoff until the last attempt, then failed and shown to administrators.
        for (var i = 0; i < 30 && Assert.Single(await OutboxAsync(pair.Region, failing)).Status == DeliveryStatus.Pending; i++)
        {
            pair.Clock.Advance(TimeSpan.FromHours(7));
            await DeliverAsync(pair.Region);
        }

        var failed = Assert.Single(await OutboxAsync(pair.Region, failing));
        Assert.Equal((DeliveryStatus.Failed, 16), (failed.Status, failed.Attempts));
        Assert.StartsWith("HTTP 500", failed.LastError, StringComparison.Ordinal);
        Assert.Null(await DocumentAsync(pair.Municipality, failing));

        var admin = pair.Region.ClientFor("admin");
        var page = await admin.GetPageAsync("/Exchange/Deliveries");
        var line = page.QuerySelector($"tr.exchange-delivery[data-id='{failed.Id}']");
        Assert.NotNull(line);
        Assert.Contains("Fejlet", line.TextContent, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", line.TextContent, StringComparison.Ordinal);
        Assert.Equal("CaseHub", line.QuerySelector(".exchange-format")!.TextContent);

        // The receiver is fixed; the administrator sends it again.
        pair.Board.Fault = null;
        var resend = await admin.SubmitFormAsync("/Exchange/Deliveries", new Dictionary<string, string?>(), $"tr[data-id='{failed.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        Assert.Equal(DeliveryStatus.Pending, Assert.Single(await OutboxAsync(pair.Region, failing)).Status);
        Assert.True(await pair.Region.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "exchange.resend" && e.DataId == failed.Id.ToString())));
        await DeliverAsync(pair.Region);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await OutboxAsync(pair.Region, failing)).Status);
        Assert.Equal(DocumentStatus.Sent, (await DocumentAsync(pair.Municipality, failing))!.Status);
    }

    [Fact]
    public async Task The_same_message_twice_or_out_of_order_is_applied_once_and_the_newest_wins()
    {
        var documentId = await pair.SentDocumentAsync();
        await using (var scope = pair.Region.Scope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<Core.Data.CaseHubDbContext>();
            var ward = await Agreements.AgreementKit.UserAsync(db, "kontakt.s4");
            var version = (await db.CareDocuments.AsNoTracking().SingleAsync(d => d.Id == documentId)).Version;
            var outcome = await services.GetRequiredService<CareDocuments>().EnterInErrorAsync(ward, documentId, version, "Forkert borger");
            Assert.True(outcome.Succeeded);
        }

        var rows = await OutboxAsync(pair.Region, documentId);
        Assert.Equal(2, rows.Count);
        var (sent, cancelled) = (rows[0], rows[1]);
        var client = pair.Municipality.CreateClient();

        // The newer version arrives first; the older one after it changes nothing; the newer one again neither.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, cancelled, RegionToMunicipality)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, sent, RegionToMunicipality)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, cancelled, RegionToMunicipality)).StatusCode);
        var copy = await DocumentAsync(pair.Municipality, documentId);
        Assert.Equal(DocumentStatus.EnteredInError, copy!.Status);
        Assert.Equal(1, await pair.Municipality.WithDbAsync(db => db.DocumentEvents.CountAsync(e => e.DocumentId == documentId)));

        // The outbox delivering the same two versions later is acknowledged without a change.
        await DeliverAsync(pair.Region);
        Assert.All(await OutboxAsync(pair.Region, documentId), r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
        Assert.Equal(1, await pair.Municipality.WithDbAsync(db => db.DocumentEvents.CountAsync(e => e.DocumentId == documentId)));
        Assert.Equal(DocumentStatus.EnteredInError, (await DocumentAsync(pair.Municipality, documentId))!.Status);
    }

    [Fact]
    public async Task A_document_without_a_creation_time_is_dated_by_the_receivers_clock()
    {
        var documentId = await pair.SentDocumentAsync();
        var row = (await OutboxAsync(pair.Region, documentId)).Single();
        var carePlan = System.Text.Json.Nodes.JsonNode.Parse(row.Payload)!.AsObject();
        Assert.True(carePlan.Remove("created"));
        pair.Clock.Advance(TimeSpan.FromDays(3));

        var response = await PostAsync(pair.Municipality.CreateClient(), carePlan.ToJsonString(), row.IdempotencyKey, RegionToMunicipality);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pair.Clock.GetUtcNow().UtcDateTime, (await DocumentAsync(pair.Municipality, documentId))!.CreatedAt);
    }

    [Fact]
    public async Task A_document_for_an_unknown_patient_is_refused_shown_to_administrators_on_both_sides_and_delivered_after_a_resend()
    {
        var documentId = await pair.SentDocumentAsync(knownToMunicipality: false);
        await DeliverAsync(pair.Region);

        // A refusal is not retried: it goes straight to the administrator.
        var row = Assert.Single(await OutboxAsync(pair.Region, documentId));
        Assert.Equal((DeliveryStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("HTTP 422", row.LastError, StringComparison.Ordinal);
        Assert.Contains("Borgeren findes ikke", row.LastError, StringComparison.Ordinal);
        Assert.Null(await DocumentAsync(pair.Municipality, documentId));

        var municipalAdmin = await pair.Municipality.ClientFor("admin").GetPageAsync("/Exchange/Deliveries");
        Assert.Contains(municipalAdmin.QuerySelectorAll("tr.exchange-rejection"),
            r => r.TextContent.Contains(documentId.ToString(), StringComparison.Ordinal) && r.TextContent.Contains("Borgeren findes ikke", StringComparison.Ordinal));

        // The CPR number is nowhere on the page or in the stored error.
        var cpr = await pair.Region.WithDbAsync(db => db.CareDocuments.Where(d => d.Id == documentId).Select(d => d.Patient!.Cpr).SingleAsync());
        Assert.DoesNotContain(cpr, municipalAdmin.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(cpr, row.LastError, StringComparison.Ordinal);

        // The municipality registers the citizen; the region's administrator resends.
        var patient = await pair.Region.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Cpr == cpr));
        await pair.AddToMunicipalityAsync(cpr, patient.GivenName, patient.FamilyName);
        var resend = await pair.Region.ClientFor("admin").SubmitFormAsync("/Exchange/Deliveries", new Dictionary<string, string?>(), $"tr[data-id='{row.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        await DeliverAsync(pair.Region);
        Assert.Equal(DocumentStatus.Sent, (await DocumentAsync(pair.Municipality, documentId))!.Status);
    }

    [Fact]
    public async Task A_message_from_an_unknown_sender_is_refused_and_shown_to_administrators()
    {
        var documentId = await pair.SentDocumentAsync();
        var row = Assert.Single(await OutboxAsync(pair.Region, documentId));
        var client = pair.Municipality.CreateClient();

        var unknown = await PostAsync(client, row, "en-nøgle-ingen-kender");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("OperationOutcome", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, row, null)).StatusCode);

        // A known counterpart that is not a party to this document (Hjørring, for an Aalborg citizen).
        var notParty = await PostAsync(client, row, HjoerringToMunicipality);
        Assert.Equal(HttpStatusCode.Forbidden, notParty.StatusCode);

        Assert.Null(await DocumentAsync(pair.Municipality, documentId));
        var page = await pair.Municipality.ClientFor("admin").GetPageAsync("/Exchange/Deliveries");
        Assert.Contains(page.QuerySelectorAll("tr.exchange-rejection"), r => r.TextContent.Contains("Afsenderen er ukendt", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("tr.exchange-rejection"),
            r => r.TextContent.Contains(documentId.ToString(), StringComparison.Ordinal) && r.TextContent.Contains("hverken", StringComparison.Ordinal));
    }

    [Fact]
    public void The_delivery_job_is_scheduled_every_minute_and_only_triggers_the_outbox()
    {
        using var connection = pair.Region.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == DeliverOutbox.RecurringId);
        Assert.Equal("*/1 * * * *", job.Cron);
        Assert.Equal(typeof(DeliverOutbox), job.Job.Type);
    }

    [Fact]
    public async Task Only_administrators_see_the_Leverancer_page()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await pair.Region.ClientFor("kontakt.s4").GetAsync("/Exchange/Deliveries")).StatusCode);
        var nav = await pair.Region.ClientFor("admin").GetPageAsync("/");
        Assert.Contains(nav.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/Exchange/Deliveries" && a.TextContent == "Leverancer");
        var wardNav = await pair.Region.ClientFor("kontakt.s4").GetPageAsync("/");
        Assert.DoesNotContain(wardNav.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/Exchange/Deliveries");
    }

    [Fact]
    public async Task Hospital_notifications_admit_and_discharge_once_per_episode_of_care()
    {
        var (_, cpr, _) = await pair.PatientAsync();
        var episode = "forloeb-" + Guid.NewGuid().ToString("N");
        var now = pair.Clock.GetUtcNow().UtcDateTime;
        var client = pair.Municipality.CreateClient();
        Task<int> AdmissionsAsync() => pair.Municipality.WithDbAsync(db => db.Admissions.CountAsync(a => a.EpisodeOfCareId == episode));

        var admitted = Notification(episode, Hl7.Fhir.Model.Encounter.EncounterStatus.InProgress, cpr, now.AddDays(-2), null);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, admitted, episode, RegionToMunicipality)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, admitted, episode, RegionToMunicipality)).StatusCode);
        Assert.Equal(1, await AdmissionsAsync());
        var admission = await pair.Municipality.WithDbAsync(db => db.Admissions.Include(a => a.Ward).SingleAsync(a => a.EpisodeOfCareId == episode));
        Assert.Equal((Core.Organizations.ReferenceData.Codes.WardAalborgS4, (DateTime?)null), (admission.Ward!.Code, admission.End));
        Assert.InRange(admission.Start, now.AddDays(-2).AddSeconds(-1), now.AddDays(-2).AddSeconds(1));

        var leave = Notification(episode, Hl7.Fhir.Model.Encounter.EncounterStatus.Onleave, cpr, now.AddDays(-2), null);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, leave, episode, RegionToMunicipality)).StatusCode);

        var discharged = Notification(episode, Hl7.Fhir.Model.Encounter.EncounterStatus.Finished, cpr, now.AddDays(-2), now.AddHours(-1));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, discharged, episode, RegionToMunicipality)).StatusCode);
        var end = (await pair.Municipality.WithDbAsync(db => db.Admissions.SingleAsync(a => a.EpisodeOfCareId == episode))).End;
        Assert.NotNull(end);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, discharged, episode, RegionToMunicipality)).StatusCode);
        Assert.Equal(1, await AdmissionsAsync());
        Assert.Equal(end, (await pair.Municipality.WithDbAsync(db => db.Admissions.SingleAsync(a => a.EpisodeOfCareId == episode))).End);

        // An unknown citizen is refused and recorded; a discharge of an unknown episode likewise.
        var stranger = Notification("forloeb-" + Guid.NewGuid().ToString("N"), Hl7.Fhir.Model.Encounter.EncounterStatus.InProgress, "0101901234", now, null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(client, stranger, "x", RegionToMunicipality)).StatusCode);
        var unknownEpisode = Notification("forloeb-ukendt-" + Guid.NewGuid().ToString("N"), Hl7.Fhir.Model.Encounter.EncounterStatus.Finished, cpr, now.AddDays(-1), now);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, unknownEpisode, "y", RegionToMunicipality)).StatusCode);
        Assert.True(await pair.Municipality.WithDbAsync(db => db.InboundRejections.AnyAsync(r => r.ResourceType == "Encounter" && r.Reason.Contains("Borgeren findes ikke"))));
    }

    /// <summary>A MedCom HospitalNotification-shaped Encounter: status, class, episode of care, CPR, the ward's SOR code, period.</summary>
    private static string Notification(string episode, Hl7.Fhir.Model.Encounter.EncounterStatus status, string cpr, DateTime start, DateTime? end)
    {
        var encounter = new Hl7.Fhir.Model.Encounter
        {
            Status = status,
            Class = new Hl7.Fhir.Model.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
            EpisodeOfCare = [new Hl7.Fhir.Model.ResourceReference { Identifier = new Hl7.Fhir.Model.Identifier("https://sor2.sum.dsdn.dk/#id=953741000016009", episode) }],
            Subject = new Hl7.Fhir.Model.ResourceReference { Identifier = new Hl7.Fhir.Model.Identifier("urn:oid:1.2.208.176.1.2", cpr) },
            ServiceProvider = new Hl7.Fhir.Model.ResourceReference
            {
                Identifier = new Hl7.Fhir.Model.Identifier("urn:oid:1.2.208.176.1.1", Core.Organizations.ReferenceData.Codes.WardAalborgS4),
            },
            Period = new Hl7.Fhir.Model.Period
            {
                StartElement = new Hl7.Fhir.Model.FhirDateTime(new DateTimeOffset(start, TimeSpan.Zero)),
                EndElement = end is { } e ? new Hl7.Fhir.Model.FhirDateTime(new DateTimeOffset(e, TimeSpan.Zero)) : null,
            },
        };
        return Fhir.FhirTestClient.ToJson(encounter);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, OutboxMessage row, string? token) =>
        PostAsync(client, row.Payload, row.IdempotencyKey, token);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string payload, string key, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/" + ExchangeClient.Operation)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.TryAddWithoutValidation(ExchangeClient.IdempotencyHeader, key);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }
}
