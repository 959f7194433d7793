using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>
/// The case page's documents section: the patient's documents, the ward's actions (create, register discharge) and
/// the case's one timeline: document events together with admissions, network meetings and team changes. Each kind of
/// data is checked and audited on its own, and appears only when the user may read it.
/// </summary>
public class CaseDocumentsViewComponent(PatientGuard guard, CaseHubDbContext db) : ViewComponent
{
    public sealed record Row(Guid Id, DocumentKind Kind, int Revision, DocumentStatus Status, string Ward, DateTime CreatedAt, DateOnly? DischargeOn);

    public sealed record TimelineItem(DateTime At, string Text, string Actor, string Link);

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
            e.ActorOrganization is null ? e.ActorName : $"{e.ActorName}, {e.ActorOrganization}", $"/Agreements/{e.DocumentId}")).ToList();
        timeline.AddRange(await OtherEventsAsync(patientId, ct));
        timeline = timeline.OrderByDescending(t => t.At).Take(40).ToList();
        return View("/Pages/Agreements/_CaseDocuments.cshtml",
            new ViewModel(patientId, documents, current?.Id, isWard && !hasLive, isWard, timeline));
    }

    /// <summary>Admissions, network meetings and team changes for the timeline, each only if the user may read it.</summary>
    private async Task<List<TimelineItem>> OtherEventsAsync(Guid patientId, CancellationToken ct)
    {
        var items = new List<TimelineItem>();
        var casePage = $"/Patients/Case/{patientId}";
        foreach (var a in await db.Admissions.AsNoTracking().Where(a => a.PatientId == patientId)
            .Select(a => new { a.Start, a.End, Ward = a.Ward!.Name, a.LegalBasis }).ToListAsync(ct))
        {
            items.Add(new TimelineItem(a.Start, $"Indlagt ({a.LegalBasis.Danish()})", a.Ward, casePage));
            if (a.End is { } end)
            {
                items.Add(new TimelineItem(end, "Udskrevet", a.Ward, casePage));
            }
        }

        if ((await guard.CheckAsync(patientId, DataKind.Meeting, AccessMode.Read, "meeting.timeline", ct: ct)).Allowed)
        {
            foreach (var m in await db.Meetings.AsNoTracking().Where(m => m.PatientId == patientId)
                .Select(m => new { m.Id, m.RequestedAt, m.RequestedByName, m.RequestedAtDischarge, m.Start, m.HeldAt, Host = m.HostOrganization!.Name })
                .ToListAsync(ct))
            {
                var link = $"/Meetings/Details/{m.Id}";
                items.Add(new TimelineItem(m.RequestedAt, m.RequestedAtDischarge ? "Netværksmøde ønsket ved udskrivning" : "Netværksmøde ønsket", m.RequestedByName, link));
                if (m.HeldAt is { } held)
                {
                    items.Add(new TimelineItem(held, "Netværksmøde holdt", m.Host ?? string.Empty, link));
                }
                else if (m.Start is { } start)
                {
                    items.Add(new TimelineItem(start, "Netværksmøde planlagt", m.Host ?? string.Empty, link));
                }
            }
        }

        if ((await guard.CheckAsync(patientId, DataKind.Team, AccessMode.Read, "team.timeline", ct: ct)).Allowed)
        {
            foreach (var t in await db.TeamMembers.AsNoTracking().Where(t => t.PatientId == patientId)
                .Select(t => new { t.AddedAt, t.RemovedAt, t.Name, t.AddedByName }).ToListAsync(ct))
            {
                items.Add(new TimelineItem(t.AddedAt, $"{t.Name} kom med i Patientens Team", t.AddedByName, $"/Teams/{patientId}"));
                if (t.RemovedAt is { } removed)
                {
                    items.Add(new TimelineItem(removed, $"{t.Name} gik ud af Patientens Team", string.Empty, $"/Teams/{patientId}"));
                }
            }
        }

        return items;
    }
}
