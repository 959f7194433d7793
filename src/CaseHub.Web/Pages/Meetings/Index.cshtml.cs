using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Meetings;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Meetings;

/// <summary>
/// Kommende møder: planned meetings the user takes part in or their organization hosts, and requests on the
/// teams the user is a member of that still wait to be planned.
/// </summary>
public class IndexModel(PatientGuard guard, CaseHubDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, Guid PatientId, string Patient, MeetingStatus Status, DateTime? Start, DateTime? End, string? Place, string? Host, DateOnly? DueDate);

    public IReadOnlyList<Row> Upcoming { get; private set; } = [];

    public IReadOnlyList<Row> Requests { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = guard.User;
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = guard.VisiblePatients(DataKind.Meeting).Select(p => p.Id);
        var mine = db.Meetings.Where(m => visible.Contains(m.PatientId)).Where(m =>
            m.HostOrganizationId == user.OrganizationId
            || m.Participants.Any(p => p.TeamMember!.StaffUserId == user.UserId)
            || (m.Status == MeetingStatus.Requested
                && db.TeamMembers.Any(t => t.PatientId == m.PatientId && t.StaffUserId == user.UserId && t.RemovedAt == null)));
        var rows = await mine
            .Where(m => (m.Status == MeetingStatus.Planned && m.End >= now) || m.Status == MeetingStatus.Requested)
            .Select(m => new Row(m.Id, m.PatientId, m.Patient!.GivenName + " " + m.Patient.FamilyName, m.Status, m.Start, m.End, m.Place,
                m.HostOrganization == null ? null : m.HostOrganization.Name, m.DueDate))
            .Take(300)
            .ToListAsync(ct);
        Upcoming = rows.Where(r => r.Status == MeetingStatus.Planned).OrderBy(r => r.Start).ToList();
        Requests = rows.Where(r => r.Status == MeetingStatus.Requested).OrderBy(r => r.DueDate ?? DateOnly.MaxValue).ToList();
        await audit.RecordListAsync(user, DataKind.Meeting, rows.Select(r => r.PatientId).Distinct(), ct);
    }
}
