using CaseHub.Core.Agreements;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Exchange;

/// <summary>Turns a document version into the payload a counterpart receives (the profiled CarePlan JSON).</summary>
public interface IExchangePayload
{
    string ResourceType { get; }

    /// <summary>The payload; the document's Patient, AuthoringWard, ReceivingMunicipality, Admission and Actions are loaded.</summary>
    string Serialize(CareDocument document);

    /// <summary>
    /// The payload of a superseded version together with the draft that replaces it (a change proposed here), for
    /// the authoring side, which edits and sends the new version. A format that cannot carry it ignores it.
    /// </summary>
    string Serialize(CareDocument document, ChangeProposal? proposal) => Serialize(document);
}

/// <summary>The new draft a proposed change created, with the reason given and who proposed it.</summary>
public sealed record ChangeProposal(CareDocument Draft, string? Reason, string? ProposedBy);

/// <summary>Told after a save that wrote outbox rows, so delivery can start without waiting for the next interval.</summary>
public interface IOutboxNotifier
{
    void RowsWritten();
}

/// <summary>
/// Per request: the counterpart whose message is being applied. Its own change is not echoed back to it.
/// </summary>
public sealed class OutboxSuppression
{
    public string? SenderCode { get; set; }
}

/// <summary>
/// Writes the outbox rows inside the SaveChanges that changes a document's status (sent, accepted, activated,
/// superseded by a revision, ended, entered in error): one row per party with a configured endpoint. Being an
/// interceptor, it covers every use case that changes a status, without each having to remember it.
/// </summary>
public sealed class OutboxWriter(
    IOptionsMonitor<ExchangeSettings> options,
    IExchangePayload payload,
    OutboxSuppression suppression,
    TimeProvider clock,
    IEnumerable<IOutboxNotifier> notifiers,
    ICareCommunicationPayload careCommunication) : SaveChangesInterceptor
{
    private bool wroteRows;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CaseHubDbContext db)
        {
            await WriteRowsAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is CaseHubDbContext db && Changed(db).Count > 0)
        {
            // Every use case saves asynchronously; a synchronous save of a status change would lose its delivery.
            throw new InvalidOperationException("A document status change must be saved with SaveChangesAsync so its outbox rows are written.");
        }

        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (wroteRows)
        {
            wroteRows = false;
            foreach (var notifier in notifiers)
            {
                notifier.RowsWritten();
            }
        }

        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        wroteRows = false;
        return Task.CompletedTask;
    }

    private List<EntityEntry<CareDocument>> Changed(CaseHubDbContext db)
    {
        if (options.CurrentValue.Endpoints.Count == 0)
        {
            return [];
        }

        db.ChangeTracker.DetectChanges();
        // Only a status change of a stored version travels: a version is never created in a shared status by our own
        // use cases (a revision starts as a draft), and demo data and received copies are added, not changed.
        return db.ChangeTracker.Entries<CareDocument>()
            .Where(e => e.State == EntityState.Modified && e.Property(d => d.Status).IsModified && e.Entity.Status != DocumentStatus.Draft)
            .ToList();
    }

    private async Task WriteRowsAsync(CaseHubDbContext db, CancellationToken ct)
    {
        var changed = Changed(db);
        if (changed.Count == 0)
        {
            return;
        }

        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in changed)
        {
            var document = entry.Entity;
            await LoadAsync(entry, ct);
            var ward = document.AuthoringWard!;
            var municipality = document.ReceivingMunicipality!;
            var parties = new[]
            {
                (Key: settings.EndpointKeyFor(await ChainAsync(db, ward, ct)), Name: ward.Name, Receiver: ward, Sender: municipality, Author: true),
                (Key: settings.EndpointKeyFor([municipality.Code]), Name: municipality.Name, Receiver: municipality, Sender: ward, Author: false),
            };
            string? json = null;
            string? authorJson = null;
            var proposal = ProposalFor(db, document);
            foreach (var (key, name, receiver, sender, author) in parties.Where(p => p.Key is not null && p.Key != suppression.SenderCode).DistinctBy(p => p.Key))
            {
                var idempotencyKey = $"{document.Id:D}:{document.Version}";
                if (db.ChangeTracker.Entries<OutboxMessage>().Any(m => m.Entity.ReceiverCode == key && m.Entity.IdempotencyKey == idempotencyKey))
                {
                    continue;
                }

                // A receiver without CaseHub gets a MedCom CareCommunication addressed to it (its own message ids).
                // Only the authoring side edits drafts: a change proposed here travels to it as its new version.
                var endpoint = settings.Endpoints[key!];
                var medCom = endpoint.Format == ExchangeFormat.CareCommunication;
                var body = medCom
                    ? careCommunication.Serialize(new CareCommunicationMessage(document, sender, receiver, endpoint, settings.CareCommunicationSource))
                    : author && proposal is not null
                    ? authorJson ??= payload.Serialize(document, proposal)
                    : json ??= payload.Serialize(document);
                db.Add(new OutboxMessage
                {
                    ReceiverCode = key!,
                    ReceiverName = name,
                    ResourceType = medCom ? OutboxMessage.CareCommunicationType : payload.ResourceType,
                    DocumentId = document.Id,
                    DocumentVersion = document.Version,
                    PatientId = document.PatientId,
                    IdempotencyKey = idempotencyKey,
                    Payload = body,
                    Status = DeliveryStatus.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                    Version = 1,
                });
                wroteRows = true;
            }
        }
    }

    private static async Task LoadAsync(EntityEntry<CareDocument> entry, CancellationToken ct)
    {
        ReferenceEntry[] references =
            [entry.Reference(d => d.Patient), entry.Reference(d => d.AuthoringWard), entry.Reference(d => d.ReceivingMunicipality), entry.Reference(d => d.Admission)];
        foreach (var reference in references)
        {
            if (!reference.IsLoaded)
            {
                await reference.LoadAsync(ct);
            }
        }

        if (!entry.Collection(d => d.Actions).IsLoaded)
        {
            await entry.Collection(d => d.Actions).LoadAsync(ct);
        }

        // The CareCommunication's text lists the participants.
        if (!entry.Collection(d => d.Participants).IsLoaded)
        {
            await entry.Collection(d => d.Participants).LoadAsync(ct);
        }
    }

    /// <summary>
    /// The draft added in this save to replace a version that becomes superseded (a proposed change), with the
    /// reason from its "change proposed" event (whose note is "Version n: reason").
    /// </summary>
    private static ChangeProposal? ProposalFor(CaseHubDbContext db, CareDocument document)
    {
        if (document.Status != DocumentStatus.Superseded
            || db.ChangeTracker.Entries<CareDocument>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.PreviousVersionId == document.Id)?.Entity is not { } draft)
        {
            return null;
        }

        var proposed = db.ChangeTracker.Entries<DocumentEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.DocumentId == draft.Id && e.Entity.Kind == DocumentEvents.ChangeProposed)
            .Select(e => e.Entity).FirstOrDefault();
        var prefix = $"Version {draft.Revision}: ";
        var reason = proposed?.Note is { } note && note.StartsWith(prefix, StringComparison.Ordinal) ? note[prefix.Length..] : proposed?.Note;
        return new ChangeProposal(draft, reason, proposed?.ActorName);
    }

    /// <summary>An organization's code, then its parents' (a ward's region), for finding the endpoint that serves it.</summary>
    public static async Task<List<string>> ChainAsync(CaseHubDbContext db, Organization organization, CancellationToken ct)
    {
        var codes = new List<string> { organization.Code };
        var parentId = organization.ParentId;
        while (parentId is { } id && codes.Count < 5)
        {
            var parent = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Code, o.ParentId }).FirstOrDefaultAsync(ct);
            if (parent is null)
            {
                break;
            }

            codes.Add(parent.Code);
            parentId = parent.ParentId;
        }

        return codes;
    }
}
