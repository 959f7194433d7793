using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>
/// The document page: every section, saved one at a time by its own form ("saved as they go"), the workflow
/// actions the user's side may take now, the versions and the timeline.
/// </summary>
public class DocumentModel(DocumentAccess access, PatientGuard guard, CareDocuments documents, CaseHubDbContext db) : PageModel
{
    public sealed record VersionRow(Guid Id, int Revision, DocumentStatus Status, DateTime CreatedAt);

    public sealed record ConflictRow(string Label, string? Mine, string? Saved);

    public CareDocument Document { get; private set; } = default!;

    public CurrentUser Me => guard.User;

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    /// <summary>The section whose form was posted and refused: its fields show what the user typed.</summary>
    public string? PostedSection { get; private set; }

    /// <summary>When a save lost to someone else's: the user's values beside the saved ones.</summary>
    public IReadOnlyList<ConflictRow> ConflictRows { get; private set; } = [];

    public string? ConflictMessage { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public bool Can(DocumentOperation operation) => DocumentWorkflow.Can(Me, Document, operation);

    public bool CanEdit(DocumentSection section) => DocumentWorkflow.CanEditSection(Me, Document, section.Owner);

    public bool CanEditLists => DocumentWorkflow.CanEditSection(Me, Document, SectionOwner.Both);

    /// <summary>The value a form field shows: what was just posted if refused, otherwise what is stored.</summary>
    public string? ValueFor(DocumentSection section, DocumentField field) =>
        PostedSection == section.Key ? Request.Form[field.Name].ToString() : field.FormValue(Document);

    public string? PostedValue(string name) => Request.HasFormContentType ? Request.Form[name].ToString() : null;

    public string? ErrorFor(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var decision = await access.CheckAsync(id, AccessMode.Read, "document.read", HttpContext.RequestAborted);
        if (decision is null)
        {
            return NotFound();
        }

        if (!decision.Allowed)
        {
            return Forbid();
        }

        await LoadAsync(id);
        return Page();
    }

    public Task<IActionResult> OnPostSaveSectionAsync(Guid id, int version, string section) =>
        WriteAsync(id, "document.section.save", "Afsnittet er gemt.", user =>
        {
            var values = DocumentSections.Find(section)?.Fields.ToDictionary(f => f.Name, f => (string?)Request.Form[f.Name].ToString())
                ?? [];
            return documents.SaveSectionAsync(user, id, version, section, values, HttpContext.RequestAborted);
        }, section);

    public Task<IActionResult> OnPostAddParticipantAsync(Guid id, int version, ParticipantRole? role, string? name, string? organization, string? contact) =>
        WriteAsync(id, "document.participant.add", "Deltageren er tilføjet.", user =>
            documents.AddParticipantAsync(user, id, version, new CareDocuments.ParticipantInput(role, name, organization, contact), HttpContext.RequestAborted),
            errorPrefix: "Participant.");

    public Task<IActionResult> OnPostRemoveParticipantAsync(Guid id, int version, Guid participantId) =>
        WriteAsync(id, "document.participant.remove", "Deltageren er fjernet.", user =>
            documents.RemoveParticipantAsync(user, id, version, participantId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAddActionAsync(Guid id, int version, string? what, string? responsibleOrganization, string? responsiblePerson, string? dueOn, ActionStatus status) =>
        WriteAsync(id, "document.action.add", "Indsatsen er tilføjet.", user =>
        {
            DateOnly? due = null;
            if (!string.IsNullOrWhiteSpace(dueOn) && !DocumentParse.TryDate(dueOn, out due))
            {
                return Task.FromResult(Outcome<CareDocument>.Fail(nameof(CareDocuments.ActionInput.DueOn), "Datoen er ikke gyldig (brug dd-mm-åååå)."));
            }

            return documents.AddActionAsync(user, id, version,
                new CareDocuments.ActionInput(what, responsibleOrganization, responsiblePerson, due, status), HttpContext.RequestAborted);
        }, errorPrefix: "Action.");

    public Task<IActionResult> OnPostRemoveActionAsync(Guid id, int version, Guid actionId) =>
        WriteAsync(id, "document.action.remove", "Indsatsen er fjernet.", user =>
            documents.RemoveActionAsync(user, id, version, actionId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostSendAsync(Guid id, int version) =>
        WriteAsync(id, "document.send", "Dokumentet er sendt til kommunen.", user => documents.SendAsync(user, id, version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAcceptAsync(Guid id, int version) =>
        WriteAsync(id, "document.accept", "Dokumentet er accepteret. Afsnittet kan nu se, at kommunen har bekræftet sin del.",
            user => documents.AcceptAsync(user, id, version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostProposeChangeAsync(Guid id, int version, string? reason) =>
        WriteAsync(id, "document.change", "En ny version er oprettet som kladde. Den tidligere version kan stadig læses.",
            user => documents.ProposeChangeAsync(user, id, version, reason, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostEndAsync(Guid id, int version, string? endedOn, string? endReason) =>
        WriteAsync(id, "document.end", "Dokumentet er afsluttet.", user =>
        {
            DateOnly? date = null;
            if (!string.IsNullOrWhiteSpace(endedOn) && !DocumentParse.TryDate(endedOn, out date))
            {
                return Task.FromResult(Outcome<CareDocument>.Fail("EndedOn", "Datoen er ikke gyldig (brug dd-mm-åååå)."));
            }

            return documents.EndAsync(user, id, version, date, endReason, HttpContext.RequestAborted);
        });

    public Task<IActionResult> OnPostEnterInErrorAsync(Guid id, int version, string? errorReason) =>
        WriteAsync(id, "document.entered-in-error", "Dokumentet er annulleret som fejlregistreret.",
            user => documents.EnterInErrorAsync(user, id, version, errorReason, HttpContext.RequestAborted));

    private async Task<IActionResult> WriteAsync(
        Guid id, string action, string success, Func<CurrentUser, Task<Outcome<CareDocument>>> run, string? section = null, string errorPrefix = "")
    {
        var decision = await access.CheckAsync(id, AccessMode.Write, action, HttpContext.RequestAborted);
        if (decision is null)
        {
            return NotFound();
        }

        if (!decision.Allowed)
        {
            return Forbid();
        }

        var outcome = await run(guard.User);
        if (outcome.Succeeded)
        {
            Message = success;
            return RedirectToPage(new { id = outcome.Value!.Id });
        }

        db.ChangeTracker.Clear();
        PostedSection = section;
        foreach (var (field, message) in outcome.Errors)
        {
            if (field == CareDocuments.ConflictKey)
            {
                ConflictMessage = message;
            }
            else
            {
                ModelState.AddModelError(field.Length == 0 || field == DocumentSections.Participants ? field : errorPrefix + field, message);
            }
        }

        await LoadAsync(id);
        if (ConflictMessage is not null && DocumentSections.Find(section) is { } posted)
        {
            // Show the user what they typed beside what is saved now, field by field, where the two differ.
            ConflictRows = posted.FieldsFor(Document.Kind).Where(f => f.Editable)
                .Select(f => new ConflictRow(f.Label, DisplayPosted(f, Request.Form[f.Name].ToString()), f.Display(Document)))
                .Where(r => r.Mine != r.Saved)
                .ToList();
            PostedSection = null; // the form shows the saved values, with the new version number
        }

        return Page();
    }

    private static string? DisplayPosted(DocumentField field, string? posted)
    {
        if (!field.TryParse(posted, out var value, out _))
        {
            return posted;
        }

        var probe = new CareDocument();
        field.Set(probe, value);
        return field.Display(probe);
    }

    private async Task LoadAsync(Guid id)
    {
        Document = await access.LoadAsync(id, HttpContext.RequestAborted);
        Versions = await db.CareDocuments.AsNoTracking()
            .Where(d => d.SeriesId == Document.SeriesId)
            .OrderByDescending(d => d.Revision)
            .Select(d => new VersionRow(d.Id, d.Revision, d.Status, d.CreatedAt))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
