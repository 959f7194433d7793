using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CaseHub.Core.Exchange;

/// <summary>A document version as a counterpart sent it, identified by business identifiers (CPR, SOR, municipality code).</summary>
public sealed record IncomingDocument(
    Guid DocumentId,
    int Version,
    DocumentKind Kind,
    DocumentStatus Status,
    string? Cpr,
    string? WardCode,
    string? MunicipalityCode,
    string? EpisodeOfCareId,
    Guid? PreviousVersionId,
    DateTime CreatedAt,
    IReadOnlyDictionary<string, object?> Fields,
    IReadOnlyList<AgreedAction> Actions,
    IReadOnlyList<DocumentParticipant>? Participants = null,
    bool ActionOwnersKnown = false,
    IncomingRevision? ProposedRevision = null);

/// <summary>
/// The draft that replaces a superseded version, carried in the superseded message when the receiving municipality
/// proposed the change in its own CaseHub: the ward (the only side that edits drafts) gets it as its new version.
/// </summary>
public sealed record IncomingRevision(
    Guid DocumentId,
    IReadOnlyDictionary<string, object?> Fields,
    IReadOnlyList<AgreedAction> Actions,
    IReadOnlyList<DocumentParticipant> Participants,
    string? Reason,
    string? ProposedBy);

/// <summary>What the inbound endpoint answers: applied, already had it, or refused (with the HTTP status and a Danish reason).</summary>
public sealed record InboundResult(int Status, bool Applied, string Message)
{
    public bool Rejected => Status >= 400;

    public static InboundResult Done(string message) => new(200, true, message);

    public static InboundResult Unchanged(string message) => new(200, false, message);

    public static InboundResult Refused(int status, string message) => new(status, false, message);
}

/// <summary>
/// Applies documents from counterparts to the local copy, keyed by (sender, document id): idempotent and in order
/// (a version from a sender at or below the last one applied from that sender is acknowledged and ignored).
/// The authoring side (the ward, or its region) sends the whole document; the receiving municipality sends its
/// status (accepted, ended, ...) and its own part. Refusals are recorded for administrators and logged without CPR.
/// </summary>
public sealed partial class InboundDocuments(
    CaseHubDbContext db, TimeProvider clock, OutboxSuppression suppression, AuditLog audit, ILogger<InboundDocuments> logger)
{
    private static readonly DocumentStatus[] MunicipalStatuses =
        [DocumentStatus.Accepted, DocumentStatus.Active, DocumentStatus.Ended, DocumentStatus.Superseded, DocumentStatus.EnteredInError];

    private static readonly DocumentStatus[] Final = [DocumentStatus.Ended, DocumentStatus.Superseded, DocumentStatus.EnteredInError];

    public async Task<InboundResult> ApplyAsync(string senderCode, IncomingDocument incoming, CancellationToken ct = default)
    {
        var patient = incoming.Cpr is null ? null : await db.Patients.FirstOrDefaultAsync(p => p.Cpr == incoming.Cpr, ct);
        if (patient is null)
        {
            return await RejectAsync(senderCode, "CarePlan", incoming.DocumentId.ToString(), 422,
                "Borgeren findes ikke i dette system; dokumentet er ikke modtaget.", ct);
        }

        var ward = await db.Organizations.FirstOrDefaultAsync(o => (o.Kind == OrganizationKind.HospitalWard || o.Kind == OrganizationKind.OutpatientUnit) && o.Code == incoming.WardCode, ct);
        var municipality = await db.Organizations.FirstOrDefaultAsync(o => o.Kind == OrganizationKind.Municipality && o.Code == incoming.MunicipalityCode, ct);
        if (ward is null || municipality is null)
        {
            return await RejectAsync(senderCode, "CarePlan", incoming.DocumentId.ToString(), 422,
                ward is null ? "Det udarbejdende afsnit (SOR-kode) er ukendt." : "Den modtagende kommune er ukendt.", ct);
        }

        var senderIsAuthor = (await OutboxWriter.ChainAsync(db, ward, ct)).Contains(senderCode);
        var senderIsMunicipality = municipality.Code == senderCode;
        if (!senderIsAuthor && !senderIsMunicipality)
        {
            return await RejectAsync(senderCode, "CarePlan", incoming.DocumentId.ToString(), 403,
                "Afsenderen er hverken det udarbejdende afsnit eller den modtagende kommune.", ct);
        }

        var state = await db.InboundDocumentStates.FirstOrDefaultAsync(s => s.SenderCode == senderCode && s.DocumentId == incoming.DocumentId, ct);
        if (state is not null && incoming.Version <= state.AppliedVersion)
        {
            return InboundResult.Unchanged($"Version {incoming.Version} er allerede modtaget (senest modtaget: {state.AppliedVersion}).");
        }

        var senderName = await SenderNameAsync(senderCode, ct);
        var document = await db.CareDocuments.Include(d => d.Actions).Include(d => d.Participants).Include(d => d.Admission).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == incoming.DocumentId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        string note;
        if (document is null)
        {
            if (!senderIsAuthor)
            {
                return await RejectAsync(senderCode, "CarePlan", incoming.DocumentId.ToString(), 404,
                    "Dokumentet findes ikke her; kun det udarbejdende afsnit kan sende et nyt dokument.", ct);
            }

            document = await CreateCopyAsync(incoming, patient.Id, ward, municipality, now, ct);
            note = $"Modtaget fra {senderName} ({incoming.Status.Danish().ToLowerInvariant()}).";
            if (document.PreviousVersionId is { } replaced)
            {
                await RetireOwnProposalAsync(replaced, document.Id,
                    $"{senderName} har lavet sin egen version {document.Revision}, som ændringsforslaget er noteret i.", senderName, now, ct);
            }
        }
        else if (document.PatientId != patient.Id || document.AuthoringWardId != ward.Id)
        {
            return await RejectAsync(senderCode, "CarePlan", incoming.DocumentId.ToString(), 409,
                "Dokumentet findes her for en anden borger eller et andet afsnit.", ct);
        }
        else
        {
            var before = document.Status;
            if (senderIsAuthor)
            {
                CopyFields(incoming.Fields, incoming.Kind, document, _ => true);
                await SyncActionsAsync(document, incoming.Actions, _ => true, ct);
                SyncParticipants(document, incoming.Participants, removeMissing: true);
            }
            else
            {
                // The municipality answers for its own sections, its own actions and the participants it added only.
                CopyFields(incoming.Fields, incoming.Kind, document, section => section.Owner != SectionOwner.Region);
                if (incoming.ActionOwnersKnown)
                {
                    await SyncActionsAsync(document, incoming.Actions, a => a.OwnerSector == Sector.Municipality, ct);
                }

                SyncParticipants(document, incoming.Participants, removeMissing: false);
            }

            var allowed = senderIsAuthor || MunicipalStatuses.Contains(incoming.Status);
            // A cancelled or ended version does not become superseded by a proposal that crossed the cancellation.
            var crossed = incoming.Status == DocumentStatus.Superseded && document.Status is DocumentStatus.EnteredInError or DocumentStatus.Ended;
            if (allowed && !crossed && !(Final.Contains(document.Status) && !Final.Contains(incoming.Status)))
            {
                document.Status = incoming.Status;
            }

            if (senderIsAuthor && document.Status == DocumentStatus.EnteredInError)
            {
                // The ward cancelled the version a change was proposed to here: the proposal's draft goes with it.
                await RetireOwnProposalAsync(document.Id, null, $"{senderName} har annulleret den version, ændringen blev foreslået til.", senderName, now, ct);
            }

            document.Version++;
            document.UpdatedAt = now;
            document.UpdatedBy = senderName;
            note = before == document.Status
                ? $"Opdateret af {senderName}."
                : $"{document.Status.Danish()} hos {senderName}.";
            if (senderIsMunicipality && !senderIsAuthor && incoming.ProposedRevision is { } proposal && document.Status == DocumentStatus.Superseded)
            {
                note = await AddProposedRevisionAsync(document, proposal, senderName, now, ct) ?? note;
            }
        }

        db.DocumentEvents.Add(new DocumentEvent
        {
            DocumentId = document.Id,
            PatientId = document.PatientId,
            At = now,
            Kind = EventFor(incoming.Status),
            ToStatus = document.Status,
            ActorName = senderName,
            ActorOrganization = senderName,
            Note = note,
        });

        if (state is null)
        {
            db.InboundDocumentStates.Add(new InboundDocumentState { SenderCode = senderCode, DocumentId = incoming.DocumentId, AppliedVersion = incoming.Version, AppliedAt = now, Version = 1 });
        }
        else
        {
            state.AppliedVersion = incoming.Version;
            state.AppliedAt = now;
            state.Version++;
        }

        // The sender knows this change already: no outbox row back to it.
        suppression.SenderCode = senderCode;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same message arrived twice at once, or a local user saved the document in between: nothing of
            // this attempt is kept, and the sender's retry applies it (or finds it applied).
            db.ChangeTracker.Clear();
            return InboundResult.Refused(409, "Dokumentet blev ændret samtidig; prøv igen.");
        }
        finally
        {
            suppression.SenderCode = null;
        }

        LogApplied(senderCode, incoming.DocumentId, incoming.Version, document.Status);
        await AuditAsync(senderCode, "exchange.receive", DataKind.Document, document.Id.ToString(), document.PatientId, ct);
        return InboundResult.Done(note);
    }

    /// <summary>
    /// Audits what a counterpart system did to a patient's data: the actor is the sending organization (no person is
    /// signed in), allowed because its token identified it as a party to the data.
    /// </summary>
    public async Task AuditAsync(string senderCode, string action, DataKind kind, string dataId, Guid patientId, CancellationToken ct)
    {
        var sender = await db.Organizations.AsNoTracking().Where(o => o.Code == senderCode).FirstOrDefaultAsync(ct);
        var user = new CurrentUser(Guid.Empty, "exchange:" + senderCode, sender?.Name ?? senderCode, sender?.Id ?? Guid.Empty,
            sender?.Name ?? senderCode, sender?.Kind ?? OrganizationKind.Region, sender?.ParentId, []);
        await audit.RecordAsync(user, action, kind, dataId, patientId, new AccessDecision(true, "exchange-partner-is-party"), ct);
    }

    /// <summary>Records a refused message for the Leverancer page and logs it without personal data.</summary>
    public async Task<InboundResult> RejectAsync(string sender, string resourceType, string? resourceId, int status, string reason, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.InboundRejections.Add(new InboundRejection
        {
            At = clock.GetUtcNow().UtcDateTime,
            Sender = sender.Length > 100 ? sender[..100] : sender,
            ResourceType = resourceType,
            ResourceId = resourceId is { Length: > 100 } ? resourceId[..100] : resourceId,
            Reason = reason,
        });
        await db.SaveChangesAsync(ct);
        LogRejected(sender, resourceType, resourceId, status, reason);
        return InboundResult.Refused(status, reason);
    }

    private async Task<CareDocument> CreateCopyAsync(IncomingDocument incoming, Guid patientId, Organization ward, Organization municipality, DateTime now, CancellationToken ct)
    {
        var admission = await FindAdmissionAsync(incoming, patientId, ward.Id, ct);
        if (admission is null)
        {
            // This CaseHub has not heard of the stay (no hospital notification): it is recorded from the document.
            admission = new Admission
            {
                PatientId = patientId,
                WardId = ward.Id,
                EpisodeOfCareId = incoming.EpisodeOfCareId,
                Start = incoming.CreatedAt,
                PlannedDischargeDate = incoming.Fields.TryGetValue(nameof(CareDocument.DischargeOn), out var d) ? d as DateOnly? : null,
            };
            db.Admissions.Add(admission);
        }

        var previous = incoming.PreviousVersionId is { } p
            ? await db.CareDocuments.AsNoTracking().Where(x => x.Id == p).Select(x => new { x.SeriesId, x.Revision }).FirstOrDefaultAsync(ct)
            : null;
        var document = new CareDocument
        {
            Id = incoming.DocumentId,
            Kind = incoming.Kind,
            Status = incoming.Status,
            SeriesId = previous?.SeriesId ?? incoming.DocumentId,
            Revision = (previous?.Revision ?? 0) + 1,
            PreviousVersionId = previous is null ? null : incoming.PreviousVersionId,
            Version = 1,
            PatientId = patientId,
            AdmissionId = admission.Id,
            AuthoringWardId = ward.Id,
            ReceivingMunicipalityId = municipality.Id,
            CreatedAt = incoming.CreatedAt,
            UpdatedAt = now,
            UpdatedBy = ward.Name,
        };
        CopyFields(incoming.Fields, incoming.Kind, document, _ => true);
        db.CareDocuments.Add(document);
        await SyncActionsAsync(document, incoming.Actions, _ => true, ct);
        SyncParticipants(document, incoming.Participants, removeMissing: true);
        return document;
    }

    private async Task<Admission?> FindAdmissionAsync(IncomingDocument incoming, Guid patientId, Guid wardId, CancellationToken ct)
    {
        if (incoming.EpisodeOfCareId is { } episode && await db.Admissions.FirstOrDefaultAsync(a => a.EpisodeOfCareId == episode, ct) is { } byEpisode)
        {
            return byEpisode;
        }

        return await db.Admissions.Where(a => a.PatientId == patientId && a.WardId == wardId)
            .OrderByDescending(a => a.Start).FirstOrDefaultAsync(ct);
    }

    private static void CopyFields(IReadOnlyDictionary<string, object?> fields, DocumentKind kind, CareDocument document, Func<DocumentSection, bool> owned)
    {
        foreach (var section in DocumentSections.For(kind).Where(owned))
        {
            foreach (var field in section.FieldsFor(kind))
            {
                fields.TryGetValue(field.Name, out var value);
                field.Set(document, value is null && field.Type == FieldType.YesNo ? false : value);
            }
        }
    }

    /// <summary>
    /// Makes the document's actions in scope (all of them, or one side's) what the sender sent: matched by id, updated
    /// in place, added, removed. An id that names the other side's action, or an action elsewhere, is not taken over.
    /// </summary>
    private async Task SyncActionsAsync(CareDocument document, IEnumerable<AgreedAction> incoming, Func<AgreedAction, bool> inScope, CancellationToken ct)
    {
        var wanted = incoming.Where(inScope).ToList();
        foreach (var local in document.Actions.Where(inScope).Where(l => wanted.All(a => a.Id != l.Id)).ToList())
        {
            db.Remove(local);
        }

        foreach (var action in wanted)
        {
            if (document.Actions.FirstOrDefault(a => a.Id == action.Id) is { } local)
            {
                if (inScope(local))
                {
                    (local.What, local.OwnerSector, local.ResponsibleOrganization, local.ResponsiblePerson, local.DueOn, local.Status) =
                        (action.What, action.OwnerSector, action.ResponsibleOrganization, action.ResponsiblePerson, action.DueOn, action.Status);
                }

                continue;
            }

            var id = await db.Set<AgreedAction>().AnyAsync(a => a.Id == action.Id, ct) ? Guid.NewGuid() : action.Id;
            db.Add(new AgreedAction
            {
                Id = id,
                DocumentId = document.Id,
                What = action.What,
                OwnerSector = action.OwnerSector,
                ResponsibleOrganization = action.ResponsibleOrganization,
                ResponsiblePerson = action.ResponsiblePerson,
                DueOn = action.DueOn,
                Status = action.Status,
            });
        }
    }

    /// <summary>
    /// Participants have no owner: the authoring side's list is the list (<paramref name="removeMissing"/>); the
    /// municipality can only add (as in its own CaseHub once the document is sent). Matched by their values.
    /// A sender that sends no participant list (an older CaseHub) changes nothing.
    /// </summary>
    private void SyncParticipants(CareDocument document, IReadOnlyList<DocumentParticipant>? incoming, bool removeMissing)
    {
        if (incoming is null)
        {
            return;
        }

        static bool Same(DocumentParticipant a, DocumentParticipant b) =>
            a.Role == b.Role && a.Name == b.Name && a.Organization == b.Organization && a.Contact == b.Contact;
        if (removeMissing)
        {
            foreach (var local in document.Participants.Where(l => !incoming.Any(p => Same(p, l))).ToList())
            {
                db.Remove(local);
            }
        }

        var have = document.Participants.ToList();
        foreach (var participant in incoming.Where(p => !have.Any(l => Same(l, p))))
        {
            var added = new DocumentParticipant
            {
                DocumentId = document.Id, Role = participant.Role, Name = participant.Name, Organization = participant.Organization, Contact = participant.Contact,
            };
            db.Add(added);
            have.Add(added);
        }
    }

    /// <summary>
    /// Here (the municipality) a change was proposed while the ward made its own new version of the same version, or
    /// cancelled it: the ward's decision counts (its version took the proposal in, or noted it), so the draft left
    /// here is cancelled and taken out of the series, and the version relations are the same in both CaseHubs again.
    /// </summary>
    private async Task RetireOwnProposalAsync(Guid previous, Guid? received, string reason, string senderName, DateTime now, CancellationToken ct)
    {
        var drafts = await db.CareDocuments
            .Where(d => d.PreviousVersionId == previous && d.Id != received && d.Status == DocumentStatus.Draft).ToListAsync(ct);
        foreach (var draft in drafts)
        {
            // It leaves the series, whose revision number it held, and stays readable on its own.
            draft.SeriesId = draft.Id;
            draft.Revision = 1;
            draft.PreviousVersionId = null;
            draft.Status = DocumentStatus.EnteredInError;
            draft.EnteredInErrorBy = senderName;
            draft.EnteredInErrorReason = reason;
            draft.Version++;
            draft.UpdatedAt = now;
            draft.UpdatedBy = senderName;
            db.DocumentEvents.Add(new DocumentEvent
            {
                DocumentId = draft.Id, PatientId = draft.PatientId, At = now, Kind = DocumentEvents.EnteredInError, ToStatus = DocumentStatus.EnteredInError,
                ActorName = senderName, ActorOrganization = senderName, Note = draft.EnteredInErrorReason,
            });
        }
    }

    /// <summary>
    /// The receiving municipality proposed a change in its own CaseHub: the draft it made becomes the ward's new
    /// version here (same id in both systems), with the ward's sections, actions and participants from the version
    /// it replaces and the municipality's sections, actions and added participants from the proposal. If the ward has
    /// already made its own new version, the proposal is noted on that one instead. Returns the note for the timeline.
    /// </summary>
    private async Task<string?> AddProposedRevisionAsync(CareDocument old, IncomingRevision proposal, string senderName, DateTime now, CancellationToken ct)
    {
        if (await db.CareDocuments.AnyAsync(d => d.Id == proposal.DocumentId, ct))
        {
            return null;
        }

        var reason = string.IsNullOrWhiteSpace(proposal.Reason) ? "(ingen begrundelse)" : proposal.Reason.Trim();
        var existing = await db.CareDocuments.Include(d => d.Actions).Include(d => d.Participants).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.PreviousVersionId == old.Id, ct);
        if (existing is not null)
        {
            // The ward proposed a change too. Its draft stays the new version; while it is a draft, the municipality's
            // part of the proposal is taken into it (the ward cannot edit that part anyway), and the reason is noted.
            if (existing.Status == DocumentStatus.Draft)
            {
                CopyFields(proposal.Fields, old.Kind, existing, section => section.Owner != SectionOwner.Region);
                await SyncActionsAsync(existing, proposal.Actions, a => a.OwnerSector == Sector.Municipality, ct);
                SyncParticipants(existing, proposal.Participants, removeMissing: false);
                existing.Version++;
                existing.UpdatedAt = now;
                existing.UpdatedBy = senderName;
            }

            db.DocumentEvents.Add(new DocumentEvent
            {
                DocumentId = existing.Id, PatientId = existing.PatientId, At = now, Kind = DocumentEvents.ChangeProposed,
                ActorName = proposal.ProposedBy ?? senderName, ActorOrganization = senderName,
                Note = $"{senderName} har også foreslået en ændring: {reason}",
            });
            return $"Erstattet hos {senderName}, som også har foreslået en ændring (se version {existing.Revision}).";
        }

        var next = old.NextRevision(now, senderName);
        next.Id = proposal.DocumentId;
        CopyFields(proposal.Fields, old.Kind, next, section => section.Owner != SectionOwner.Region);
        db.CareDocuments.Add(next);
        var actions = old.Actions.Where(a => a.OwnerSector != Sector.Municipality)
            .Select(a => a.Copy())
            .Concat(proposal.Actions.Where(a => a.OwnerSector == Sector.Municipality));
        await SyncActionsAsync(next, actions, _ => true, ct);
        SyncParticipants(next, old.Participants.Concat(proposal.Participants).ToList(), removeMissing: false);
        db.DocumentEvents.Add(new DocumentEvent
        {
            DocumentId = next.Id, PatientId = next.PatientId, At = now, Kind = DocumentEvents.ChangeProposed, ToStatus = DocumentStatus.Draft,
            ActorName = proposal.ProposedBy ?? senderName, ActorOrganization = senderName,
            Note = $"Version {next.Revision}, foreslået af {senderName}: {reason}",
        });
        return $"Erstattet af version {next.Revision}, foreslået af {senderName}: {reason}";
    }

    private async Task<string> SenderNameAsync(string code, CancellationToken ct) =>
        await db.Organizations.Where(o => o.Code == code).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? code;

    private static string EventFor(DocumentStatus status) => status switch
    {
        DocumentStatus.Sent => DocumentEvents.Sent,
        DocumentStatus.Accepted => DocumentEvents.Accepted,
        DocumentStatus.Active => DocumentEvents.Activated,
        DocumentStatus.Superseded => DocumentEvents.Superseded,
        DocumentStatus.Ended => DocumentEvents.Ended,
        DocumentStatus.EnteredInError => DocumentEvents.EnteredInError,
        _ => DocumentEvents.SectionSaved,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound document {DocumentId} version {Version} from {Sender} applied; status {Status}")]
    private partial void LogApplied(string sender, Guid documentId, int version, DocumentStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound {ResourceType} {ResourceId} from {Sender} rejected with {Status}: {Reason}")]
    private partial void LogRejected(string sender, string resourceType, string? resourceId, int status, string reason);
}
