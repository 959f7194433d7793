// Firely's model is nullable throughout; the assertions check the shapes the mapper guarantees.
#nullable disable warnings

using System.Net;
using System.Text;
using CaseHub.Core.Agreements;
using CaseHub.Core.Exchange;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Fhir.Exchange;
using CaseHub.Web.Tests.Agreements;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using DomainPatient = CaseHub.Core.Patients.Patient;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static CaseHub.Web.Tests.Exchange.ExchangePair;

namespace CaseHub.Web.Tests.Exchange;

/// <summary>
/// A region's CaseHub whose municipality (Aalborg) has no CaseHub: its endpoint takes MedCom CareCommunication
/// through a gateway, played here by a fake receiver that records every message it is given.
/// </summary>
public sealed class CareCommunicationGateway : IAsyncLifetime
{
    public const string GatewayHost = "vans-gateway.test";
    public const string GatewayToken = "gateway-hemmelighed";
    public const string Ean = "5790001234567";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Switchboard Board { get; } = new();

    public FakeReceiver Receiver { get; } = new();

    public ExchangeHost Region { get; }

    public CareCommunicationGateway()
    {
        Region = new ExchangeHost(NewDirectory(), Clock, Board, new Dictionary<string, string?>
        {
            [$"CaseHub:Exchange:Endpoints:{MunicipalityCode}:Format"] = "CareCommunication",
            [$"CaseHub:Exchange:Endpoints:{MunicipalityCode}:BaseUrl"] = $"http://{GatewayHost}/medcom/fhir",
            [$"CaseHub:Exchange:Endpoints:{MunicipalityCode}:Token"] = GatewayToken,
            [$"CaseHub:Exchange:Endpoints:{MunicipalityCode}:Ean"] = Ean,

            // The tests deliver themselves; no enqueue into Hangfire's process-global in-memory storage.
            ["CaseHub:Exchange:DeliverAfterCommit"] = "false",
        });
    }

    public ValueTask InitializeAsync()
    {
        Board.Connect(GatewayHost, Receiver);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Region.DisposeAsync();

    /// <summary>A complete udskrivningsaftale for a new patient, sent by the ward (which writes the outbox row).</summary>
    public async Task<(Guid DocumentId, DomainPatient Patient)> SentDocumentAsync()
    {
        var (patientId, admissionId, _) = await AgreementKit.AdmitAsync(Region);
        var documentId = await AgreementKit.DocumentAsync(Region, admissionId, DocumentStatus.Sent);
        var patient = await Region.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId));
        return (documentId, patient);
    }
}

/// <summary>A MedCom gateway that accepts every message Bundle and keeps what it received.</summary>
public sealed class FakeReceiver : HttpMessageHandler
{
    public List<(string Key, Uri Url, string? Authorization, string? ContentType, string Body)> Received { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        lock (Received)
        {
            var key = request.Headers.TryGetValues(ExchangeClient.IdempotencyHeader, out var values) ? values.First() : string.Empty;
            Received.Add((key, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content.Headers.ContentType?.MediaType, body));
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"resourceType\":\"OperationOutcome\",\"issue\":[]}", Encoding.UTF8, "application/fhir+json") };
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed class CareCommunicationTests(CareCommunicationGateway gateway) : IClassFixture<CareCommunicationGateway>, IDisposable
{
    public void Dispose() => gateway.Board.Reset();

    private List<(string Key, Uri Url, string? Authorization, string? ContentType, string Body)> ReceivedFor(Guid documentId)
    {
        lock (gateway.Receiver.Received)
        {
            return gateway.Receiver.Received.Where(r => r.Key.StartsWith(documentId.ToString("D"), StringComparison.Ordinal)).ToList();
        }
    }

    [Fact]
    public async Task A_document_sent_to_a_municipality_without_CaseHub_is_delivered_as_a_MedCom_CareCommunication_after_a_500()
    {
        var (documentId, patient) = await gateway.SentDocumentAsync();

        // The send wrote one MedCom row for the municipality, in the same save.
        var row = Assert.Single(await OutboxAsync(gateway.Region, documentId));
        Assert.Equal((MunicipalityCode, OutboxMessage.CareCommunicationType, DeliveryStatus.Pending), (row.ReceiverCode, row.ResourceType, row.Status));

        // The gateway fails once: the row waits for its retry, with the error.
        gateway.Board.Fault = key => key.StartsWith(documentId.ToString("D"), StringComparison.Ordinal) ? HttpStatusCode.InternalServerError : null;
        await DeliverAsync(gateway.Region);
        row = Assert.Single(await OutboxAsync(gateway.Region, documentId));
        Assert.Equal((DeliveryStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.StartsWith("HTTP 500", row.LastError, StringComparison.Ordinal);
        Assert.Empty(ReceivedFor(documentId));

        // Not before the backoff has passed; then delivered.
        gateway.Board.Fault = null;
        await DeliverAsync(gateway.Region);
        Assert.Empty(ReceivedFor(documentId));
        gateway.Clock.Advance(row.NextAttemptAt - gateway.Clock.GetUtcNow().UtcDateTime);
        await DeliverAsync(gateway.Region);
        row = Assert.Single(await OutboxAsync(gateway.Region, documentId));
        Assert.Equal((DeliveryStatus.Delivered, 2), (row.Status, row.Attempts));
        Assert.Null(row.LastError);

        var (_, url, authorization, contentType, body) = Assert.Single(ReceivedFor(documentId));
        Assert.Equal($"http://{CareCommunicationGateway.GatewayHost}/medcom/fhir/$process-message", url.ToString());
        Assert.Equal($"Bearer {CareCommunicationGateway.GatewayToken}", authorization);
        Assert.Equal("application/fhir+json", contentType);
        Assert.Equal(row.Payload, body);

        // The posted message: MessageHeader first, the CareCommunication, the Patient by CPR, both parties.
        var bundle = new FhirJsonDeserializer().Deserialize<Bundle>(body);
        Assert.Equal(Bundle.BundleType.Message, bundle.Type);
        var header = Assert.IsType<MessageHeader>(bundle.Entry[0].Resource);
        var coding = Assert.IsType<Coding>(header.Event);
        Assert.Equal((CareCommunicationMapper.EventCodeSystem, "care-communication-message"), (coding.System, coding.Code));
        var communication = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Communication>());
        Assert.Equal(header.Focus.Single().Reference, bundle.Entry.Single(e => e.Resource == communication).FullUrl);
        Assert.Equal("psychiatry-social-disability", communication.Category.Single().Coding.Single().Code);
        var subject = Assert.IsType<Hl7.Fhir.Model.Patient>(bundle.Entry.Single(e => e.FullUrl == communication.Subject.Reference).Resource);
        Assert.Equal(("urn:oid:1.2.208.176.1.2", patient.Cpr), (subject.Identifier.Single().System, subject.Identifier.Single().Value));
        var receiver = Assert.IsType<Hl7.Fhir.Model.Organization>(bundle.Entry.Single(e => e.FullUrl == header.Destination.Single().Receiver.Reference).Resource);
        Assert.Contains(receiver.Identifier, i => i.System == "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes" && i.Value == MunicipalityCode);
        Assert.Contains(receiver.Identifier, i => i.System == "urn:oid:1.3.88" && i.Value == CareCommunicationGateway.Ean);
        var sender = Assert.IsType<Hl7.Fhir.Model.Organization>(bundle.Entry.Single(e => e.FullUrl == header.Sender.Reference).Resource);
        Assert.Contains(sender.Identifier, i => i.System == "urn:oid:1.2.208.176.1.1" && i.Value == ReferenceData.Codes.WardAalborgS4);
        Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Provenance>(), p => p.Target.Single().Reference == bundle.Entry[0].FullUrl);

        // The attachment is the whole document in Danish, with what the ward filled in.
        var attachment = communication.Payload.Select(p => p.Content).OfType<Attachment>().Single();
        var text = Encoding.UTF8.GetString(attachment.Data);
        Assert.Contains($"CPR-nummer {CprNumber.Parse(patient.Cpr).ToDisplayString()}", text, StringComparison.Ordinal);
        Assert.Contains(patient.FullName, text, StringComparison.Ordinal);
        Assert.Contains("Tidlige tegn på tilbagefald: Isolerer sig", text, StringComparison.Ordinal);
        Assert.Contains("Sagsbehandler, kommune: Line Munk", text, StringComparison.Ordinal);

        // The administrator sees how it was delivered.
        var page = await gateway.Region.ClientFor("admin").GetPageAsync("/Exchange/Deliveries");
        var line = page.QuerySelector($"tr.exchange-delivery[data-id='{row.Id}']");
        Assert.NotNull(line);
        Assert.Equal("Korrespondancemeddelelse (MedCom)", line.QuerySelector(".exchange-format")!.TextContent);
        Assert.Contains("Leveret", line.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_CareCommunication_resent_by_an_administrator_is_the_same_message()
    {
        var (documentId, _) = await gateway.SentDocumentAsync();
        gateway.Board.Fault = key => key.StartsWith(documentId.ToString("D"), StringComparison.Ordinal) ? HttpStatusCode.BadRequest : null;
        await DeliverAsync(gateway.Region);
        var failed = Assert.Single(await OutboxAsync(gateway.Region, documentId));
        Assert.Equal(DeliveryStatus.Failed, failed.Status);

        gateway.Board.Fault = null;
        var admin = gateway.Region.ClientFor("admin");
        var page = await admin.GetPageAsync("/Exchange/Deliveries");
        Assert.Equal("Korrespondancemeddelelse (MedCom)", page.QuerySelector($"tr.exchange-delivery[data-id='{failed.Id}'] .exchange-format")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/Exchange/Deliveries", new Dictionary<string, string?>(), $"tr[data-id='{failed.Id}'] form")).StatusCode);
        await DeliverAsync(gateway.Region);

        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await OutboxAsync(gateway.Region, documentId)).Status);
        var received = Assert.Single(ReceivedFor(documentId));
        var bundle = new FhirJsonDeserializer().Deserialize<Bundle>(received.Body);

        // The same ids as the mapper gives this version today: a receiver recognises a resend as the same message.
        var expected = await gateway.Region.WithDbAsync(async db =>
        {
            var document = await db.CareDocuments.AsNoTracking().Include(d => d.Patient).Include(d => d.AuthoringWard).Include(d => d.ReceivingMunicipality)
                .Include(d => d.Participants).Include(d => d.Actions).SingleAsync(d => d.Id == documentId);
            return CareCommunicationMapper.ToFhir(new CareCommunicationMessage(document, document.AuthoringWard!, document.ReceivingMunicipality!,
                new ExchangeEndpoint { BaseUrl = "http://elsewhere.test/fhir" }, "https://casehub.dk/fhir/exchange"));
        });
        Assert.Equal(expected.Id, bundle.Id);
        Assert.Equal(expected.Entry.Select(e => e.FullUrl), bundle.Entry.Select(e => e.FullUrl));
    }
}
