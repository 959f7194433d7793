using System.Globalization;
using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Calendar;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Agreements;

/// <summary>
/// The use cases of udskrivningsaftaler and koordinationsplaner. Each checks the workflow and the user's side,
/// saves everything in one SaveChanges or nothing, records a <see cref="DocumentEvent"/>, and refuses a save based
/// on a version someone else has changed since (optimistic concurrency on <see cref="CareDocument.Version"/>).
/// Access to the patient is checked by the caller (PatientGuard) before any of these run.
/// </summary>
public sealed class CareDocuments(CaseHubDbContext db, TimeProvider clock)
{
    /// <summary>The error key of a concurrency conflict, so a page can show what changed.</summary>
    public const string ConflictKey = "Version";

    public sealed record ParticipantInput(ParticipantRole? Role, string? Name, string? Organization, string? Contact);

    public sealed record ActionInput(string? What, string? ResponsibleOrganization, string? ResponsiblePerson, DateOnly? DueOn, ActionStatus Status);

    /// <summary>Starts a document for the ward's current admission, prefilled from what is known.</summary>
    public async Task<Outcome<CareDocument>> CreateAsync(CurrentUser user, Guid admissionId, DocumentKind kind, CancellationToken ct = default)
    {
        var admission = await db.Admissions.Include(a => a.Patient).Include(a => a.Ward)
            .FirstOrDefaultAsync(a => a.Id == admissionId, ct);
        if (admission is null)
        {
            return Outcome<CareDocument>.Fail(string.Empty, "Indlæggelsen findes ikke.");
        }

        if (!user.IsInRole(Roles.PsychiatryContactPerson) || user.OrganizationId != admission.WardId)
        {
            return Outcome<CareDocument>.Fail(string.Empty, "Kun en kontaktperson på afsnittet, hvor borgeren er indlagt, kan oprette dokumentet.");
        }

        if (!admission.IsCurrent)
        {
            return Outcome<CareDocument>.Fail(string.Empty, "Borgeren er udskrevet; dokumentet skal laves før udskrivning.");
        }

        var live = await db.CareDocuments.Where(d => d.AdmissionId == admissionId
                && d.Status != DocumentStatus.Superseded && d.Status != DocumentStatus.EnteredInError && d.Status != DocumentStatus.Ended)
            .Select(d => (DocumentKind?)d.Kind).FirstOrDefaultAsync(ct);
        if (live is { } existing)
        {
            return Outcome<CareDocument>.Fail(string.Empty,
                $"Der findes allerede en {existing.Danish().ToLowerInvariant()} for indlæggelsen. Annullér den, hvis borgeren skal have en {kind.Danish().ToLowerInvariant()} i stedet.");
        }

        var now = Now;
        var document = new CareDocument
        {
            Kind = kind,
            Status = DocumentStatus.Draft,
            PatientId = admission.PatientId,
            AdmissionId = admission.Id,
            AuthoringWardId = admission.WardId,
            ReceivingMunicipalityId = admission.Patient!.MunicipalityId,
            LegalBasis = kind == DocumentKind.CoordinationPlan ? DocumentLegalBasis.Section13b : admission.TargetGroupMarking switch
            {
                TargetGroupMarking.Section13aStk1 => DocumentLegalBasis.Section13aStk1,
                TargetGroupMarking.Section13aStk2 => DocumentLegalBasis.Section13aStk2,
                _ => DocumentLegalBasis.None,
            },
            DischargeOn = admission.PlannedDischargeDate,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = user.Name,
            Version = 1,
        };
        document.SeriesId = document.Id;
        document.Participants.Add(new DocumentParticipant
        {
            Role = ParticipantRole.WardContactPerson,
            Name = user.Name,
            Organization = admission.Ward!.Name,
        });
        db.CareDocuments.Add(document);
        AddEvent(document, user, DocumentEvents.Created, DocumentStatus.Draft, kind.Danish());
        await db.SaveChangesAsync(ct);
        return Outcome<CareDocument>.Ok(document);
    }

    /// <summary>Saves one section's fields from the form values (field name to text).</summary>
    public async Task<Outcome<CareDocument>> SaveSectionAsync(
        CurrentUser user, Guid documentId, int expectedVersion, string sectionKey, IReadOnlyDictionary<string, string?> values, CancellationToken ct = default)
    {
        var (document, failure) = await LoadAsync(documentId, expectedVersion, ct);
        if (failure is not null)
        {
            return failure;
        }

        var section = DocumentSections.Find(sectionKey);
        if (section is null || !section.AppliesTo(document!.Kind))
        {
            return Outcome<CareDocument>.Fail(string.Empty, "Afsnittet findes ikke i dette dokument.");
        }

        if (!DocumentWorkflow.CanEditSection(user, document, section.Owner))
        {
            var operation = DocumentWorkflow.IsReceivingMunicipality(user, document) ? DocumentOperation.EditMunicipalPart : DocumentOperation.EditWardPart;
            return Outcome<CareDocument>.Fail(string.Empty, RefusalFor(user, document, operation));
        }

        var errors = new FieldErrors();
        var parsed = new Dictionary<DocumentField, object?>();
        foreach (var field in section.FieldsFor(document.Kind).Where(f => f.Editable))
        {
            values.TryGetValue(field.Name, out var text);
            if (field.TryParse(text, out var value, out var error))
            {
                parsed[field] = value;
            }
            else
            {
                errors.Add(field.Name, error!, true);
            }
        }

        // Rules between fields are checked on the values as they would be after the save.
        object? After(string name) => parsed.FirstOrDefault(p => p.Key.Name == name) is { Key: not null } hit
            ? hit.Value
            : typeof(CareDocument).GetProperty(name)!.GetValue(document);
        var drawnUp = After(nameof(CareDocument.DrawnUpOn)) as DateOnly?;
        var discharge = After(nameof(CareDocument.DischargeOn)) as DateOnly?;
        var review = After(nameof(CareDocument.ReviewOn)) as DateOnly?;
        var basis = After(nameof(CareDocument.LegalBasis)) as DocumentLegalBasis?;
        var admission = document.Admission!;
        errors
            .Add(nameof(CareDocument.DrawnUpOn), "Udarbejdet dato skal ligge på eller før udskrivningsdatoen.",
                section.Key == "dates" && drawnUp > discharge)
            .Add(nameof(CareDocument.DrawnUpOn), "Udarbejdet dato kan ikke ligge før indlæggelsen.",
                section.Key == "dates" && drawnUp < DateOnly.FromDateTime(DanishCalendar.ToDanishTime(admission.Start)))
            .Add(nameof(CareDocument.DischargeOn), "Udskrivningsdatoen kan ikke ligge før indlæggelsen.",
                section.Key == "dates" && discharge < DateOnly.FromDateTime(DanishCalendar.ToDanishTime(admission.Start)))
            .Add(nameof(CareDocument.ReviewOn), "Revurderingsdatoen kan ikke ligge før udarbejdet dato.",
                section.Key == "dates" && review < drawnUp)
            .Add(nameof(CareDocument.ConsentDate), "Samtykket kan ikke være givet i fremtiden.",
                section.Key == "consent" && After(nameof(CareDocument.ConsentDate)) as DateOnly? > DanishCalendar.Today(clock))
            .Add(nameof(CareDocument.LegalBasis), "En udskrivningsaftale laves efter §13a stk. 1 eller stk. 2.",
                section.Key == "legal" && document.Kind == DocumentKind.DischargeAgreement && basis == DocumentLegalBasis.Section13b)
            .Add(nameof(CareDocument.LegalBasis), "En koordinationsplan laves efter §13b.",
                section.Key == "legal" && document.Kind == DocumentKind.CoordinationPlan && basis != DocumentLegalBasis.Section13b);
        if (errors.Any)
        {
            return Outcome<CareDocument>.Fail(errors);
        }

        foreach (var (field, value) in parsed)
        {
            field.Set(document, value);
        }

        if (section.Key == "consent")
        {
            document.ConsentRecordedBy = $"{user.Name}, {user.OrganizationName}";
        }

        Touch(document, user, expectedVersion);
        AddEvent(document, user, DocumentEvents.SectionSaved, null, section.Title);
        return await SaveAsync(document, ct);
    }

    public async Task<Outcome<CareDocument>> AddParticipantAsync(
        CurrentUser user, Guid documentId, int expectedVersion, ParticipantInput input, CancellationToken ct = default)
    {
        var (document, failure) = await LoadAsync(documentId, expectedVersion, ct);
        if (failure is not null)
        {
            return failure;
        }

        if (!DocumentWorkflow.CanEditSection(user, document!, SectionOwner.Both))
        {
            return Outcome<CareDocument>.Fail(string.Empty, RefusalFor(user, document!, EditOperation(user, document!)));
        }

        var errors = new FieldErrors()
            .Add(nameof(input.Role), "Vælg deltagerens rolle.", input.Role is null || !Enum.IsDefined(input.Role.Value))
            .Add(nameof(input.Name), "Angiv deltagerens navn.", string.IsNullOrWhiteSpace(input.Name))
            .Add(nameof(input.Name), "Navnet er for langt.", input.Name?.Trim().Length > DocumentField.TextMax)
            .Add(nameof(input.Organization), "Teksten er for lang.", input.Organization?.Trim().Length > DocumentField.TextMax)
            .Add(nameof(input.Contact), "Teksten er for lang.", input.Contact?.Trim().Length > DocumentField.TextMax);
        if (errors.Any)
        {
            return Outcome<CareDocument>.Fail(errors);
        }

        var participant = new DocumentParticipant
        {
            DocumentId = document!.Id,
            Role = input.Role!.Value,
            Name = input.Name!.Trim(),
            Organization = Blank(input.Organization),
            Contact = Blank(input.Contact),
        };
        db.Add(participant);
        Touch(document, user, expectedVersion);
        AddEvent(document, user, DocumentEvents.ParticipantAdded, null, $"{participant.Name} ({participant.Role.Danish()})");
        return await SaveAsync(document, ct);
    }

    public async Task<Outcome<CareDocument>> RemoveParticipantAsync(
        CurrentUser user, Guid documentId, int expectedVersion, Guid participantId, CancellationToken ct = default)
    {
        var (document, failure) = await LoadAsync(documentId, expectedVersion, ct);
        if (failure is not null)
        {
            return failure;
        }

        if (!DocumentWorkflow.CanEditSection(user, document!, SectionOwner.Both))
        {
            return Outcome<CareDocument>.Fail(string.Empty, RefusalFor(user, document!, EditOperation(user, document!)));
        }

        var participant = document!.Participants.FirstOrDefault(p => p.Id == participantId);
        if (participant is null)
        {
            return Outcome<CareDocument>.Fail(string.Empty, "Deltageren findes ikke på dokumentet.");
        }

        // Once sent, the ward's list of participants is part of what was sent: the municipality adds, it does not remove.
        if (document.Status != DocumentStatus.Draft)
        {
            return Outcome<CareDocument>.Fail(string.Empty, "Deltagere kan kun fjernes i en kladde. Foreslå en ændring for at fjerne en deltager.");
        }

        db.Remove(participant);
        Touch(document, user, expectedVersion);
        AddEvent(document, user, DocumentEvents.ParticipantRemoved, null, participant.Name);
        return await SaveAsync(document, ct);
    }

    /// <summary>Adds an agreed action; the ward's actions while drafting, the municipality's own while the document is sent.</summary>
    public async Task<Outcome<CareDocument>> AddActionAsync(
        CurrentUser user, Guid documentId, int expectedVersion, ActionInput input, CancellationToken ct = default)
    {
        var (document, failure) = await LoadAsync(documentId, expectedVersion, ct);
        if (failure is not null)
        {
            return failure;
        }

        if (!DocumentWorkflow.CanEditSection(user, document!, SectionOwner.Both))
        {
            return Outcome<CareDocument>.Fail(string.Empty, RefusalFor(user, document!, EditOperation(user, document!)));
        }

        var errors = new FieldErrors()
            .Add(nameof(input.What), "Beskriv indsatsen.", string.IsNullOrWhiteSpace(input.What))
            .Add(nameof(input.What), "Teksten er for lang.", input.What?.Trim().Length > DocumentField.LongTextMax)
            .Add(nameof(input.ResponsibleOrganization), "Angiv den ansvarlige organisation.", string.IsNullOrWhiteSpace(input.ResponsibleOrganization))
            .Add(nameof(input.ResponsiblePerson), "Teksten er for lang.", input.ResponsiblePerson?.Trim().Length > DocumentField.TextMax)
            .Add(nameof(input.DueOn), "Angiv en frist.", input.DueOn is null)
            .Add(nameof(input.DueOn), "Fristen kan ikke ligge i fortiden.", input.DueOn < DanishCalendar.Today(clock));
        if (errors.Any)
        {
            return Outcome<CareDocument>.Fail(errors);
        }

        var action = new AgreedAction
        {
            DocumentId = document!.Id,
            What = input.What!.Trim(),
            OwnerSector = user.Sector == Sector.Municipality ? Sector.Municipality : Sector.Region,
            ResponsibleOrganization = Blank(input.ResponsibleOrganization),
            ResponsiblePerson = Blank(input.ResponsiblePerson),
            DueOn = input.DueOn,
            Status = input.Status,
        };
        db.Add(action);
        Touch(document, user, expectedVersion);
        AddEvent(document, user, DocumentEvents.ActionAdded, null, action.What);
        return await SaveAsync(document, ct);
    }

    /// <summary>Removes an action; the municipality can only remove the actions it owns.</summary>
    public async Task<Outcome<CareDocument>> RemoveActionAsync(
        CurrentUser user, Guid documentId, int expectedVersion, Guid actionId, CancellationToken ct = default)
    {
        var (document, failure) = await LoadAsync(documentId, expectedVersion, ct);
        if (failure is not null)
        {
            return failure;
        }

        if (!DocumentWorkflow.CanEditSection(user, document!, SectionOwner.Both))
        {
            return Outcome<CareDocument>.Fail(string.Empty, RefusalFor(user, document!, EditOperation(user, document!)));
        }

        var action = document!.Actions.FirstOrDefault(a => a.Id == actionId);
        if (action is null)
        {
            return Outcome<CareDocument>.Fail(string.Empty, "Indsatsen findes ikke på dokumentet.");
        }

        if (document.Status == DocumentStatus.Sent && action.OwnerSector != Sector.Municipality)
        {
            return Outcome<CareDocument>.Fail(string.Empty, "Kommunen kan kun fjerne sine egne indsatser.");
        }

        db.Remove(action);
        Touch(document, user, expectedVersion);
        AddEvent(document, user, DocumentEvents.ActionRemoved, null, action.What);
        return await SaveAsync(document, ct);
    }

    /// <summary>The fields that must be filled before sending, with a Danish message for each that is missing.</summary>
    public static FieldErrors MissingToSend(CareDocument document)
    {
        var errors = new FieldErrors();
        foreach (var section in DocumentSections.For(document.Kind))
        {
            foreach (var field in section.FieldsFor(document.Kind).Where(f => f.RequiredToSend && !f.IsFilled(document)))
            {
                errors.Add(field.Name, $"Udfyld \"{field.Label}\" før dokumentet sendes.", true);
            }
        }

        errors
            .Add(DocumentSections.Participants, "Tilføj mindst én deltager ud over afsnittets kontaktperson.",
                document.Participants.All(p => p.Role == ParticipantRole.WardContactPerson))
            .Add(nameof(CareDocument.DrawnUpOn), "Udarbejdet dato skal ligge på eller før udskrivningsdatoen.",
                document.DrawnUpOn > document.DischargeOn);
        return errors;
    }

    /// <summary>The ward sends the draft to the patient's municipality (and GP); refused with the missing fields named.</summary>
    public async Task<Outcome<CareDocument>> SendAsync(CurrentUser user, Guid documentId, int expectedVersion, CancellationToken ct = default)
    {
        var (document, failure) = await LoadForAsync(user, documentId, expectedVersion, DocumentOperation.Send, ct);
        if (failure is not null)
        {
            return failure;
        }

        var missing = MissingToSend(document!);
        if (missing.Any)
        {
            var names = missing.Keys.Select(FieldLabel);
            missing[string.Empty] = "Dokumentet kan ikke sendes endnu. Mangler: " + string.Join(", ", names) + ".";
            return Outcome<CareDocument>.Fail(missing);
        }

        return await TransitionAsync(user, document!, expectedVersion, DocumentOperation.Send, DocumentEvents.Sent, null, ct);
    }

    /// <summary>The receiving municipality confirms its part. Already discharged: active at once.</summary>
    public async Task<Outcome<CareDocument>> AcceptAsync(CurrentUser user, Guid documentId, int expectedVersion, CancellationToken ct = default)
    {
        var (document, failure) = await LoadForAsync(user, documentId, expectedVersion, DocumentOperation.Accept, ct);
        if (failure is not null)
        {
            return failure;
        }

        document!.Status = DocumentStatus.Accepted;
        AddEvent(document, user, DocumentEvents.Accepted, DocumentStatus.Accepted, null);
        if (document.Admission!.End is not null)
        {
            document.Status = DocumentStatus.Active;
            AddEvent(document, user, DocumentEvents.Activated, DocumentStatus.Active, "Borgeren er allerede udskrevet.");
        }

        Touch(document, user, expectedVersion);
        return await SaveAsync(document, ct);
    }

    /// <summary>Either side proposes a change: a new draft version; the current one becomes Superseded and stays readable.</summary>
    public async Task<Outcome<CareDocument>> ProposeChangeAsync(
        CurrentUser user, Guid documentId, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        var (document, failure) = await LoadForAsync(user, documentId, expectedVersion, DocumentOperation.ProposeChange, ct);
        if (failure is not null)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome<CareDocument>.Fail("Reason", "Beskriv kort, hvad der skal ændres.");
        }

        var old = document!;
        var now = Now;
        var next = old.NextRevision(now, user.Name);
        next.Participants.AddRange(old.Participants.Select(p => p.Copy()));
        next.Actions.AddRange(old.Actions.Select(a => a.Copy()));
        db.CareDocuments.Add(next);

        var note = reason.Trim();
        old.Status = DocumentStatus.Superseded;
        Touch(old, user, expectedVersion);
        AddEvent(old, user, DocumentEvents.Superseded, DocumentStatus.Superseded, $"Erstattet af version {next.Revision}: {note}");
        AddEvent(next, user, DocumentEvents.ChangeProposed, DocumentStatus.Draft, $"Version {next.Revision}: {note}");
        var saved = await SaveAsync(old, ct);
        return saved.Succeeded ? Outcome<CareDocument>.Ok(next) : saved;
    }

    /// <summary>Ends an accepted or active document with an end date and a reason.</summary>
    public async Task<Outcome<CareDocument>> EndAsync(
        CurrentUser user, Guid documentId, int expectedVersion, DateOnly? endedOn, string? reason, CancellationToken ct = default)
    {
        var (document, failure) = await LoadForAsync(user, documentId, expectedVersion, DocumentOperation.End, ct);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new FieldErrors()
            .Add("EndedOn", "Angiv slutdatoen.", endedOn is null)
            .Add("EndedOn", "Slutdatoen kan ikke ligge før udarbejdet dato.", endedOn < document!.DrawnUpOn)
            .Add("EndedOn", "Slutdatoen kan ikke ligge i fremtiden.", endedOn > DanishCalendar.Today(clock))
            .Add("EndReason", "Angiv hvorfor dokumentet afsluttes.", string.IsNullOrWhiteSpace(reason))
            .Add("EndReason", "Teksten er for lang.", reason?.Trim().Length > DocumentField.LongTextMax);
        if (errors.Any)
        {
            return Outcome<CareDocument>.Fail(errors);
        }

        document.EndedOn = endedOn;
        document.EndReason = reason!.Trim();
        return await TransitionAsync(user, document, expectedVersion, DocumentOperation.End, DocumentEvents.Ended, document.EndReason, ct);
    }

    /// <summary>Cancels a document that should never have existed, recording who and why.</summary>
    public async Task<Outcome<CareDocument>> EnterInErrorAsync(
        CurrentUser user, Guid documentId, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        var (document, failure) = await LoadForAsync(user, documentId, expectedVersion, DocumentOperation.EnterInError, ct);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new FieldErrors()
            .Add("ErrorReason", "Angiv hvorfor dokumentet er fejlregistreret.", string.IsNullOrWhiteSpace(reason))
            .Add("ErrorReason", "Teksten er for lang.", reason?.Trim().Length > DocumentField.LongTextMax);
        if (errors.Any)
        {
            return Outcome<CareDocument>.Fail(errors);
        }

        document!.EnteredInErrorBy = $"{user.Name}, {user.OrganizationName}";
        document.EnteredInErrorReason = reason!.Trim();
        return await TransitionAsync(user, document, expectedVersion, DocumentOperation.EnterInError, DocumentEvents.EnteredInError, document.EnteredInErrorReason, ct);
    }

    /// <summary>
    /// The ward registers the discharge: the admission ends and every accepted document of it becomes active. One
    /// save, so the admission never ends without its documents following.
    /// </summary>
    public async Task<Outcome<Admission>> RegisterDischargeAsync(CurrentUser user, Guid admissionId, DateOnly? dischargedOn, CancellationToken ct = default)
    {
        var admission = await db.Admissions.FirstOrDefaultAsync(a => a.Id == admissionId, ct);
        if (admission is null)
        {
            return Outcome<Admission>.Fail(string.Empty, "Indlæggelsen findes ikke.");
        }

        if (!user.IsInRole(Roles.PsychiatryContactPerson) || user.OrganizationId != admission.WardId)
        {
            return Outcome<Admission>.Fail(string.Empty, "Kun afsnittet, hvor borgeren er indlagt, kan registrere udskrivningen.");
        }

        if (!admission.IsCurrent)
        {
            return Outcome<Admission>.Fail(string.Empty, "Borgeren er allerede udskrevet.");
        }

        var today = DanishCalendar.Today(clock);
        var admittedOn = DateOnly.FromDateTime(DanishCalendar.ToDanishTime(admission.Start));
        var errors = new FieldErrors()
            .Add("DischargedOn", "Angiv udskrivningsdatoen.", dischargedOn is null)
            .Add("DischargedOn", "Udskrivningsdatoen kan ikke ligge i fremtiden.", dischargedOn > today)
            .Add("DischargedOn", "Udskrivningsdatoen kan ikke ligge før indlæggelsen.", dischargedOn < admittedOn);
        if (errors.Any)
        {
            return Outcome<Admission>.Fail(errors);
        }

        var now = Now;
        admission.End = dischargedOn == today ? now : DanishCalendar.ToUtc(dischargedOn!.Value.ToDateTime(new TimeOnly(12, 0)));
        var accepted = await db.CareDocuments.Where(d => d.AdmissionId == admissionId && d.Status == DocumentStatus.Accepted).ToListAsync(ct);
        foreach (var document in accepted)
        {
            document.Status = DocumentStatus.Active;
            Touch(document, user, document.Version);
            AddEvent(document, user, DocumentEvents.Activated, DocumentStatus.Active,
                $"Borgeren er udskrevet {dischargedOn.Value.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}.");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Admission>.Fail(string.Empty, "Et af borgerens dokumenter blev ændret samtidig. Prøv igen.");
        }

        return Outcome<Admission>.Ok(admission);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string FieldLabel(string key) => key == DocumentSections.Participants
        ? "Deltagere"
        : DocumentSections.AllFields.FirstOrDefault(f => f.Name == key)?.Label ?? key;

    private static DocumentOperation EditOperation(CurrentUser user, CareDocument document) =>
        DocumentWorkflow.IsReceivingMunicipality(user, document) ? DocumentOperation.EditMunicipalPart : DocumentOperation.EditWardPart;

    private static string RefusalFor(CurrentUser user, CareDocument document, DocumentOperation operation) =>
        DocumentWorkflow.SideMay(user, document, operation)
            ? DocumentWorkflow.StatusRefusal(document.Status, operation)
            : DocumentWorkflow.SideRefusal(operation);

    private async Task<(CareDocument? Document, Outcome<CareDocument>? Failure)> LoadAsync(Guid documentId, int expectedVersion, CancellationToken ct)
    {
        var document = await db.CareDocuments
            .Include(d => d.Admission)
            .Include(d => d.Participants)
            .Include(d => d.Actions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return (null, Outcome<CareDocument>.Fail(string.Empty, "Dokumentet findes ikke."));
        }

        return document.Version != expectedVersion ? (null, Conflict(document)) : (document, null);
    }

    private async Task<(CareDocument? Document, Outcome<CareDocument>? Failure)> LoadForAsync(
        CurrentUser user, Guid documentId, int expectedVersion, DocumentOperation operation, CancellationToken ct)
    {
        var (document, failure) = await LoadAsync(documentId, expectedVersion, ct);
        if (failure is not null)
        {
            return (null, failure);
        }

        return DocumentWorkflow.Can(user, document!, operation)
            ? (document, null)
            : (null, Outcome<CareDocument>.Fail(string.Empty, RefusalFor(user, document!, operation)));
    }

    private async Task<Outcome<CareDocument>> TransitionAsync(
        CurrentUser user, CareDocument document, int expectedVersion, DocumentOperation operation, string eventKind, string? note, CancellationToken ct)
    {
        document.Status = DocumentWorkflow.Next(document.Status, operation);
        Touch(document, user, expectedVersion);
        AddEvent(document, user, eventKind, document.Status, note);
        return await SaveAsync(document, ct);
    }

    /// <summary>Marks the change: the database only accepts it if the row still has the version the user saw.</summary>
    private void Touch(CareDocument document, CurrentUser user, int expectedVersion)
    {
        db.Entry(document).Property(d => d.Version).OriginalValue = expectedVersion;
        document.Version = expectedVersion + 1;
        document.UpdatedAt = Now;
        document.UpdatedBy = user.Name;
    }

    private void AddEvent(CareDocument document, CurrentUser user, string kind, DocumentStatus? toStatus, string? note) =>
        db.DocumentEvents.Add(new DocumentEvent
        {
            DocumentId = document.Id,
            PatientId = document.PatientId,
            At = Now,
            Kind = kind,
            ToStatus = toStatus,
            ActorUserId = user.UserId,
            ActorName = user.Name,
            ActorOrganization = user.OrganizationName,
            Note = note,
        });

    private async Task<Outcome<CareDocument>> SaveAsync(CareDocument document, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<CareDocument>.Ok(document);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: nothing of ours is kept.
            db.ChangeTracker.Clear();
            var current = await db.CareDocuments.AsNoTracking().FirstAsync(d => d.Id == document.Id, ct);
            return Conflict(current);
        }
    }

    private static Outcome<CareDocument> Conflict(CareDocument current)
    {
        var at = DanishCalendar.ToDanishTime(current.UpdatedAt).ToString("dd-MM-yyyy 'kl.' HH:mm", CultureInfo.InvariantCulture);
        return Outcome<CareDocument>.Fail(ConflictKey,
            $"{current.UpdatedBy ?? "En anden"} har ændret dokumentet {at}, efter du åbnede det. Dine ændringer er ikke gemt. " +
            "Se forskellen nedenfor, og gem igen, hvis dine ændringer stadig skal med.");
    }
}
