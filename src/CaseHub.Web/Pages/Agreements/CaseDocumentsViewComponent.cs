using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>
/// The case page's documents section: the patient's documents, the ward's actions (create, register discharge) and
/// the timeline of every document event. Checked and audited on its own, since documents are a data kind of their own.
/// </summary>
public class CaseDocumentsViewComponent(PatientGuard guard, CaseHubDbContext db) : ViewComponent
{
    public sealed record Row(Guid Id, DocumentKind Kind, int Revision, DocumentStatus Status, string Ward, DateTime CreatedAt, DateOnly? DischargeOn);

    public sealed record TimelineItem(DateTime At, string Text, string Actor, Guid DocumentId);

    public sealed record ViewModel(
        Guid PatientId,
        IReadOnlyList<Row> Documents,
        Guid? CurrentAdmissionId,
        bool CanCreate,
        bool CanDischarge,
        IReadOnlyList<TimelineItem> Timeline);

    public async Task<IViewComponentResult> InvokeAsync(Guid patientId)
    {
        var ct = HttpContext.RequestAborted;
        if (!(await guard.CheckAsync(patientId, DataKind.Document, AccessMode.Read, "document.list", ct: ct)).Allowed)
        {
            return Content(string.Empty);
        }

        var user = guard.User;
        var documents = await db.CareDocuments.AsNoTracking().Where(d => d.PatientId == patientId)
            .OrderByDescending(d => d.CreatedAt)
            .Select(d => new Row(d.Id, d.Kind, d.Revision, d.Status, d.AuthoringWard!.Name, d.CreatedAt, d.DischargeOn))
            .ToListAsync(ct);
        var current = await db.Admissions.AsNoTracking().Where(a => a.PatientId == patientId && a.End == null)
            .Select(a => new { a.Id, a.WardId }).FirstOrDefaultAsync(ct);
        var isWard = current is not null && user.IsInRole(Roles.PsychiatryContactPerson) && user.OrganizationId == current.WardId;
        var hasLive = current is not null && await db.CareDocuments.AnyAsync(d => d.AdmissionId == current.Id
            && d.Status != DocumentStatus.Superseded && d.Status != DocumentStatus.EnteredInError && d.Status != DocumentStatus.Ended, ct);
        var events = await db.DocumentEvents.AsNoTracking().Where(e => e.PatientId == patientId && e.ToStatus != null)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(30)
            .ToListAsync(ct);
        var kinds = documents.ToDictionary(d => d.Id, d => $"{d.Kind.Danish()} v{d.Revision}");
        var timeline = events.Select(e => new TimelineItem(e.At,
            $"{kinds.GetValueOrDefault(e.DocumentId, "Dokument")}: {DocumentTexts.DanishEvent(e.Kind)}{(e.Note is null ? "" : $" ({e.Note})")}",
            e.ActorOrganization is null ? e.ActorName : $"{e.ActorName}, {e.ActorOrganization}", e.DocumentId)).ToList();
        return View("/Pages/Agreements/_CaseDocuments.cshtml",
            new ViewModel(patientId, documents, current?.Id, isWard && !hasLive, isWard, timeline));
    }
}
