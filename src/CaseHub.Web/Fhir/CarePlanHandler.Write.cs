using System.Globalization;
using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Common;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Agreements;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.History;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>
/// CarePlan writes. A posted or put CarePlan is the state the client wants; the handler turns the difference from
/// the document into the document page's use cases (create, save a section, add/remove an action, send, accept),
/// all in one transaction, so the domain's rules (who, which status, required fields) decide and a refusal
/// leaves nothing behind.
/// </summary>
public sealed partial class CarePlanHandler
{
    private static readonly string StatusPath = $"CarePlan.extension.where(url='{CaseHubUrls.DocumentStatusExtension}').value";
    private static readonly string LegalBasisPath = $"CarePlan.extension.where(url='{CaseHubUrls.DocumentLegalBasisExtension}').value";
    private static readonly string ParticipantsPath = $"CarePlan.extension.where(url='{CaseHubUrls.DocumentParticipantExtension}')";

    /// <summary>The profile the CarePlan claims (exactly one of ours) and every way it breaks it.</summary>
    private IReadOnlyList<FhirIssue> Conformance(CarePlan plan)
    {
        var claimed = (plan.Meta?.Profile ?? []).Where(p => p is CaseHubUrls.UdskrivningsaftaleProfile or CaseHubUrls.KoordinationsplanProfile).Distinct().ToList();
        return claimed.Count == 1
            ? validator.Validate(plan, claimed[0]!)
            : [new FhirIssue(IssueType.Required, "CarePlan.meta.profile",
                $"Angiv præcis én profil i meta.profile: {CaseHubUrls.UdskrivningsaftaleProfile} eller {CaseHubUrls.KoordinationsplanProfile}.")];
    }

    public override async Task<FhirResponse> CreateAsync(Resource resource, CancellationToken ct)
    {
        var plan = (CarePlan)resource;
        var conformance = Conformance(plan);
        if (conformance.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, conformance);
        }

        var (data, issues) = CarePlanMapper.FromFhir(plan);
        if (issues.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues);
        }

        if (data.AdmissionId is not { } admissionId)
        {
            return FhirResponse.Error(StatusCodes.Status422UnprocessableEntity, IssueType.Required, "CarePlan.encounter",
                "Angiv indlæggelsen (Encounter/<id>), som dokumentet laves for.");
        }

        // A reference to an admission that does not exist, or whose patient the caller may not see, gets the same
        // answer, so the API does not tell which admissions exist; the refusal is audited like any other.
        var admission = await db.Admissions.AsNoTracking().Include(a => a.Patient).FirstOrDefaultAsync(a => a.Id == admissionId, ct);
        var decision = admission is null
            ? AccessDecision.Deny("no-such-admission")
            : await guard.CheckAsync(admission.PatientId, DataKind.Document, AccessMode.Write, "fhir.create", "CarePlan", ct);
        if (!decision.Allowed)
        {
            return FhirResponse.Error(StatusCodes.Status422UnprocessableEntity, IssueType.NotFound, "CarePlan.encounter.reference",
                $"{plan.Encounter?.Reference} findes ikke, eller du har ikke adgang til borgeren.");
        }

        var user = guard.User;
        if (!user.IsInRole(Roles.PsychiatryContactPerson) || user.OrganizationId != admission!.WardId)
        {
            return FhirResponse.Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, "CarePlan.author",
                "Kun en kontaktperson på afsnittet, hvor borgeren er indlagt, kan oprette dokumentet.");
        }

        var rules = new List<FhirIssue>();
        if (data.PatientId != admission.PatientId)
        {
            rules.Add(new FhirIssue(IssueType.BusinessRule, "CarePlan.subject.reference", "Borgeren skal være den, der er indlagt ved indlæggelsen i CarePlan.encounter."));
        }

        if (data.WardId != admission.WardId)
        {
            rules.Add(new FhirIssue(IssueType.BusinessRule, "CarePlan.author.reference", "Dokumentet udarbejdes af afsnittet, hvor borgeren er indlagt."));
        }

        if (data.MunicipalityId is { } municipality && municipality != admission.Patient!.MunicipalityId)
        {
            rules.Add(new FhirIssue(IssueType.BusinessRule, "CarePlan.contributor[0].reference", "Den modtagende kommune er borgerens bopælskommune."));
        }

        if (data.Status is not (DocumentStatus.Draft or DocumentStatus.Sent))
        {
            rules.Add(new FhirIssue(IssueType.BusinessRule, StatusPath, "Et nyt dokument oprettes som kladde (draft) eller sendes med det samme (sent)."));
        }

        if (plan.Replaces.Count > 0)
        {
            rules.Add(new FhirIssue(IssueType.BusinessRule, "CarePlan.replaces", "En ny version af et sendt dokument laves i CaseHub (foreslå en ændring)."));
        }

        if (rules.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, rules);
        }

        if (data.SeriesId is { } chosen && await db.CareDocuments.AnyAsync(d => d.SeriesId == chosen, ct))
        {
            return FhirResponse.Error(StatusCodes.Status409Conflict, IssueType.Duplicate, "CarePlan.identifier[0].value",
                "Et dokument med denne identifikator findes allerede; brug If-None-Exist for at oprette det højst én gang.");
        }

        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var created = await documents.CreateAsync(user, admissionId, data.Kind!.Value, ct);
        if (!created.Succeeded)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity,
                created.Errors.Select(e => new FhirIssue(IssueType.BusinessRule, "CarePlan.encounter", e.Value)));
        }

        var document = created.Value!;
        if (data.SeriesId is { } series)
        {
            // The client's identifier names the series, so If-None-Exist finds this document when the client retries.
            document.SeriesId = series;
            await db.SaveChangesAsync(ct);
        }

        var (_, failure) = await ApplyAsync(user, document.Id, data, plan, creating: true, ct);
        if (failure is not null)
        {
            return failure;
        }

        db.ChangeTracker.Clear();
        var saved = await Documents().FirstAsync(d => d.Id == document.Id, ct);
        var result = CarePlanMapper.ToFhir(saved);
        var version = await history.AppendAsync(result, saved.PatientId, 0, saved.UpdatedAt, ct);
        await transaction.CommitAsync(ct);
        return FhirResponse.Ok(result, version, StatusCodes.Status201Created);
    }

    public override async Task<FhirResponse> UpdateAsync(string id, Resource resource, int? ifMatch, CancellationToken ct)
    {
        var current = Guid.TryParse(id, out var documentId) ? await Documents().FirstOrDefaultAsync(d => d.Id == documentId, ct) : null;
        if (current is null)
        {
            return FhirResponse.NotFound("CarePlan", id);
        }

        var decision = await guard.CheckAsync(current.PatientId, DataKind.Document, AccessMode.Write, "fhir.update", $"CarePlan/{id}", ct);
        if (!decision.Allowed)
        {
            return FhirResponse.Forbidden("CarePlan", id);
        }

        var plan = (CarePlan)resource;
        var conformance = Conformance(plan);
        if (conformance.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, conformance);
        }

        var (data, issues) = CarePlanMapper.FromFhir(plan);
        if (issues.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues);
        }

        var fixedParts = new List<FhirIssue>();
        void Fixed(bool same, string path, string message)
        {
            if (!same)
            {
                fixedParts.Add(new FhirIssue(IssueType.BusinessRule, path, message));
            }
        }

        Fixed(data.Kind == current.Kind, "CarePlan.category", "Dokumenttypen kan ikke ændres.");
        Fixed(data.PatientId == current.PatientId, "CarePlan.subject.reference", "Borgeren på et dokument kan ikke ændres.");
        Fixed(data.AdmissionId == current.AdmissionId, "CarePlan.encounter.reference", "Indlæggelsen på et dokument kan ikke ændres.");
        Fixed(data.WardId == current.AuthoringWardId, "CarePlan.author.reference", "Det udarbejdende afsnit kan ikke ændres.");
        Fixed(data.MunicipalityId is null || data.MunicipalityId == current.ReceivingMunicipalityId, "CarePlan.contributor[0].reference", "Den modtagende kommune kan ikke ændres.");
        Fixed(data.SeriesId is null || data.SeriesId == current.SeriesId, "CarePlan.identifier[0].value", "Dokumentets identifikator kan ikke ændres.");
        Fixed(plan.Replaces.Select(r => r.Reference).SequenceEqual(current.PreviousVersionId is { } previous ? [$"CarePlan/{previous}"] : []),
            "CarePlan.replaces", "Hvilken version dokumentet erstatter, kan ikke ændres.");
        if (fixedParts.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, fixedParts);
        }

        var mapped = CarePlanMapper.ToFhir(current);
        var before = await history.CurrentAsync(mapped, current.PatientId, current.UpdatedAt, ct);
        if (ifMatch is { } expected && expected != before.VersionId)
        {
            return PatientHandler.Stale("CarePlan", id, expected, before.VersionId);
        }

        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var (changed, failure) = await ApplyAsync(guard.User, documentId, data, plan, creating: false, ct);
        if (failure is not null)
        {
            return failure;
        }

        if (!changed)
        {
            await transaction.CommitAsync(ct);
            return FhirResponse.Ok(mapped, before);
        }

        db.ChangeTracker.Clear();
        var saved = await Documents().FirstAsync(d => d.Id == documentId, ct);
        var updated = CarePlanMapper.ToFhir(saved);
        try
        {
            var version = await history.AppendAsync(updated, saved.PatientId, before.VersionId, saved.UpdatedAt, ct);
            await transaction.CommitAsync(ct);
            return FhirResponse.Ok(updated, version);
        }
        catch (VersionConflictException)
        {
            return PatientHandler.Stale("CarePlan", id, before.VersionId, before.VersionId + 1);
        }
    }

    /// <summary>
    /// Brings the document to the state the resource describes: the sections that differ, then the activities, then
    /// the status. On create, content the resource leaves out keeps what the document was prefilled with; on update,
    /// it is cleared (PUT replaces). Returns whether anything changed, or the refusal.
    /// </summary>
    private async Task<(bool Changed, FhirResponse? Failure)> ApplyAsync(
        CurrentUser user, Guid documentId, CarePlanMapper.DocumentData data, CarePlan plan, bool creating, CancellationToken ct)
    {
        var document = await db.CareDocuments.Include(d => d.Actions).Include(d => d.Participants).Include(d => d.Admission)
            .AsSplitQuery().FirstAsync(d => d.Id == documentId, ct);
        var changed = false;
        var hasBasis = plan.Extension.Any(e => e.Url == CaseHubUrls.DocumentLegalBasisExtension);
        foreach (var section in DocumentSections.For(document.Kind))
        {
            var fields = section.FieldsFor(document.Kind).Where(f => f.Editable).ToList();
            bool Given(DocumentField f) => f.Type == FieldType.LegalBasis ? hasBasis : data.Fields.ContainsKey(f.Name);
            object? Wanted(DocumentField f) => Given(f) ? data.Fields[f.Name]
                : creating ? f.Get(document)
                : f.Type switch { FieldType.YesNo => false, FieldType.LegalBasis => DocumentLegalBasis.None, _ => null };

            var differing = fields.Where(f => !Equals(Wanted(f), f.Get(document))).ToList();
            if (differing.Count == 0)
            {
                continue;
            }

            var path = PathOf(plan, differing[0].Name);
            if (!DocumentWorkflow.CanEditSection(user, document, section.Owner))
            {
                return (changed, Refusal(user, document, section.Owner switch
                {
                    SectionOwner.Municipality => DocumentOperation.EditMunicipalPart,
                    SectionOwner.Region => DocumentOperation.EditWardPart,
                    _ => EditOperation(user, document),
                }, path,
                    $"Afsnittet \"{section.Title}\" kan ikke rettes nu: "));
            }

            var values = fields.ToDictionary(f => f.Name, f => FormText(Wanted(f)));
            var outcome = await documents.SaveSectionAsync(user, documentId, document.Version, section.Key, values, ct);
            if (!outcome.Succeeded)
            {
                return (changed, DomainErrors(outcome.Errors, plan, path));
            }

            document = outcome.Value!;
            changed = true;
        }

        // Participants: the ones that differ are removed (a draft only) and added; on create the ward contact person
        // the use case adds stays unless the resource names them.
        var unlisted = document.Participants.ToList();
        var newcomers = new List<(int Index, DocumentParticipant Participant)>();
        foreach (var (index, wanted) in data.Participants ?? [])
        {
            var same = unlisted.FirstOrDefault(p => p.Role == wanted.Role && p.Name == wanted.Name.Trim()
                && p.Organization == Blank(wanted.Organization) && p.Contact == Blank(wanted.Contact));
            if (same is not null)
            {
                unlisted.Remove(same);
            }
            else
            {
                newcomers.Add((index, wanted));
            }
        }

        if (creating)
        {
            unlisted.Clear();
        }

        if ((unlisted.Count > 0 || newcomers.Count > 0) && !DocumentWorkflow.CanEditSection(user, document, SectionOwner.Both))
        {
            return (changed, Refusal(user, document, EditOperation(user, document), newcomers.Count > 0 ? $"CarePlan.extension[{newcomers[0].Index}]" : ParticipantsPath, "Deltagerne kan ikke ændres nu: "));
        }

        if (unlisted.Count > 0 && document.Status != DocumentStatus.Draft)
        {
            return (changed, FhirResponse.Error(StatusCodes.Status409Conflict, IssueType.BusinessRule, ParticipantsPath,
                "Deltagere kan kun fjernes i en kladde. Foreslå en ændring i CaseHub for at fjerne en deltager."));
        }

        foreach (var gone in unlisted)
        {
            var outcome = await documents.RemoveParticipantAsync(user, documentId, document.Version, gone.Id, ct);
            if (!outcome.Succeeded)
            {
                return (changed, DomainErrors(outcome.Errors, plan, ParticipantsPath));
            }

            document = outcome.Value!;
            changed = true;
        }

        foreach (var (index, participant) in newcomers)
        {
            var outcome = await documents.AddParticipantAsync(user, documentId, document.Version,
                new CareDocuments.ParticipantInput(participant.Role, participant.Name, participant.Organization, participant.Contact), ct);
            if (!outcome.Succeeded)
            {
                var at = $"CarePlan.extension[{index}]";
                return (changed, DomainErrors(outcome.Errors, plan, at, key => $"{at}.extension.where(url='{char.ToLowerInvariant(key[0])}{key[1..]}').value"));
            }

            document = outcome.Value!;
            changed = true;
        }

        // Activities: an action is what, who, by when and status; the ones that differ are removed and added.
        var unmatched = document.Actions.ToList();
        var toAdd = new List<(int Index, AgreedAction Action)>();
        for (var i = 0; i < data.Actions.Count; i++)
        {
            var wanted = data.Actions[i];
            var same = unmatched.FirstOrDefault(a => a.What == wanted.What.Trim() && a.ResponsibleOrganization == wanted.ResponsibleOrganization
                && a.ResponsiblePerson == wanted.ResponsiblePerson && a.DueOn == wanted.DueOn && a.Status == wanted.Status);
            if (same is not null)
            {
                unmatched.Remove(same);
            }
            else
            {
                toAdd.Add((i, wanted));
            }
        }

        if ((unmatched.Count > 0 || toAdd.Count > 0) && !DocumentWorkflow.CanEditSection(user, document, SectionOwner.Both))
        {
            return (changed, Refusal(user, document, EditOperation(user, document), toAdd.Count > 0 ? $"CarePlan.activity[{toAdd[0].Index}]" : "CarePlan.activity",
                "Indsatserne kan ikke ændres nu: "));
        }

        foreach (var gone in unmatched)
        {
            var outcome = await documents.RemoveActionAsync(user, documentId, document.Version, gone.Id, ct);
            if (!outcome.Succeeded)
            {
                return (changed, DomainErrors(outcome.Errors, plan, "CarePlan.activity"));
            }

            document = outcome.Value!;
            changed = true;
        }

        foreach (var (index, action) in toAdd)
        {
            var outcome = await documents.AddActionAsync(user, documentId, document.Version,
                new CareDocuments.ActionInput(action.What, action.ResponsibleOrganization, action.ResponsiblePerson, action.DueOn, action.Status), ct);
            if (!outcome.Succeeded)
            {
                var at = $"CarePlan.activity[{index}].detail";
                return (changed, DomainErrors(outcome.Errors, plan, at, key => key switch
                {
                    nameof(CareDocuments.ActionInput.What) => $"{at}.description",
                    nameof(CareDocuments.ActionInput.ResponsibleOrganization) or nameof(CareDocuments.ActionInput.ResponsiblePerson) => $"{at}.performer",
                    nameof(CareDocuments.ActionInput.DueOn) => $"{at}.scheduled.end",
                    _ => at,
                }));
            }

            document = outcome.Value!;
            changed = true;
        }

        return data.Status == document.Status || (creating && data.Status == DocumentStatus.Draft)
            ? (changed, null)
            : await TransitionAsync(user, document, data.Status!.Value, plan, ct);
    }

    /// <summary>A status change the workflow offers through the API: draft -> sent (the ward), sent -> accepted (the municipality).</summary>
    private async Task<(bool Changed, FhirResponse? Failure)> TransitionAsync(
        CurrentUser user, CareDocument document, DocumentStatus wanted, CarePlan plan, CancellationToken ct)
    {
        var operation = (document.Status, wanted) switch
        {
            (DocumentStatus.Draft, DocumentStatus.Sent) => DocumentOperation.Send,
            (DocumentStatus.Sent, DocumentStatus.Accepted) => DocumentOperation.Accept,
            _ => (DocumentOperation?)null,
        };
        if (operation is null)
        {
            return (false, FhirResponse.Error(StatusCodes.Status409Conflict, IssueType.BusinessRule, StatusPath,
                $"Status kan ikke skiftes fra {CarePlanMapper.Code(document.Status)} til {CarePlanMapper.Code(wanted)} gennem API'et. "
                + "Gennem API'et kan en kladde sendes (draft -> sent) og et sendt dokument accepteres (sent -> accepted); "
                + "aktiv sker ved udskrivning, og nye versioner, afslutning og annullering laves i CaseHub."));
        }

        if (!DocumentWorkflow.Can(user, document, operation.Value))
        {
            return (false, Refusal(user, document, operation.Value, StatusPath, string.Empty));
        }

        var outcome = operation == DocumentOperation.Send
            ? await documents.SendAsync(user, document.Id, document.Version, ct)
            : await documents.AcceptAsync(user, document.Id, document.Version, ct);
        return outcome.Succeeded ? (true, null) : (false, DomainErrors(outcome.Errors, plan, StatusPath));
    }

    /// <summary>403 when the caller's side may never do it, 409 when the document's status does not allow it now.</summary>
    private static FhirResponse Refusal(CurrentUser user, CareDocument document, DocumentOperation operation, string path, string prefix) =>
        DocumentWorkflow.SideMay(user, document, operation)
            ? FhirResponse.Error(StatusCodes.Status409Conflict, IssueType.BusinessRule, path, prefix + DocumentWorkflow.StatusRefusal(document.Status, operation))
            : FhirResponse.Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, path, prefix + DocumentWorkflow.SideRefusal(operation));

    /// <summary>
    /// A use case's Danish field errors as issues at the element that carries the field; the general message (key
    /// "") only when nothing more precise was said. A concurrency conflict is a 412, as with a stale If-Match.
    /// </summary>
    private static FhirResponse DomainErrors(FieldErrors errors, CarePlan plan, string fallbackPath, Func<string, string>? pathOf = null)
    {
        if (errors.ContainsKey(CareDocuments.ConflictKey))
        {
            return FhirResponse.Error(StatusCodes.Status412PreconditionFailed, IssueType.Conflict, "CarePlan", errors[CareDocuments.ConflictKey]);
        }

        var specific = errors.Where(e => e.Key.Length > 0).ToList();
        var issues = specific.Count > 0
            ? specific.Select(e => new FhirIssue(IssueType.BusinessRule, pathOf?.Invoke(e.Key) ?? FieldPath(plan, e.Key, fallbackPath), e.Value))
            : errors.Select(e => new FhirIssue(IssueType.BusinessRule, fallbackPath, e.Value));
        return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues);
    }

    /// <summary>Which part of the document the caller's side edits: the municipality's while it is the receiver, else the ward's.</summary>
    private static DocumentOperation EditOperation(CurrentUser user, CareDocument document) =>
        DocumentWorkflow.IsReceivingMunicipality(user, document) ? DocumentOperation.EditMunicipalPart : DocumentOperation.EditWardPart;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string FieldPath(CarePlan plan, string key, string fallback) =>
        key == DocumentSections.Participants ? ParticipantsPath
        : DocumentSections.AllFields.Any(f => f.Name == key) ? PathOf(plan, key)
        : fallback;

    /// <summary>Where a content field is in the resource: its note (or the notes, when the client left it out).</summary>
    private static string PathOf(CarePlan plan, string fieldName)
    {
        if (fieldName == nameof(CareDocument.LegalBasis))
        {
            return LegalBasisPath;
        }

        var code = CarePlanMapper.SectionCode(fieldName);
        var index = plan.Note.FindIndex(n => (n.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.DocumentSectionExtension)?.Value as Coding)?.Code == code);
        return index < 0 ? "CarePlan.note" : $"CarePlan.note[{index}].text";
    }

    /// <summary>A value as the section form sends it, which is what the use case parses.</summary>
    private static string? FormText(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
