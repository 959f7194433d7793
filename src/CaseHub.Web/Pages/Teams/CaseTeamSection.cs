using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Consents;
using CaseHub.Core.Data;
using CaseHub.Core.FollowUps;
using CaseHub.Core.Meetings;
using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Teams;

/// <summary>
/// The case page's section for Patientens Team: members, stafetholders, the forløb in Psykiatriens Hus, the
/// meeting history with minutes and the open tasks. Every kind of data is checked and audited on its own; minutes
/// and tasks of another sector are shown only with the patient's consent.
/// </summary>
public class CaseTeamSection(PatientGuard guard, CaseHubDbContext db, TimeProvider clock) : ViewComponent
{
    public sealed record MeetingRow(Meeting Meeting, MinutesVersion? Minutes, bool MinutesHidden);

    public sealed class Model
    {
        public Guid PatientId { get; init; }

        public DateOnly Today { get; init; }

        public IReadOnlyList<TeamMember> Members { get; init; } = [];

        public IReadOnlyList<Stafetholder> Stafetholders { get; init; } = [];

        public bool ConsentVisible { get; init; }

        public CrossSectorConsent? Consent { get; init; }

        public HouseCourse? Course { get; init; }

        public bool MeetingsVisible { get; init; }

        public IReadOnlyList<MeetingRow> Meetings { get; init; } = [];

        public IReadOnlyList<FollowUpTask> OpenTasks { get; init; } = [];

        public int HiddenTasks { get; init; }
    }

    public async Task<IViewComponentResult> InvokeAsync(Guid patientId)
    {
        var ct = HttpContext.RequestAborted;
        if (!(await guard.CheckAsync(patientId, DataKind.Team, AccessMode.Read, "team.read", ct: ct)).Allowed)
        {
            return Content(string.Empty);
        }

        var today = DanishCalendar.Today(clock);
        var members = await db.TeamMembers.AsNoTracking().Include(m => m.Organization)
            .Where(m => m.PatientId == patientId && m.RemovedAt == null).OrderBy(m => m.Role).ThenBy(m => m.Name).ToListAsync(ct);
        var stafetholders = await db.Stafetholders.AsNoTracking().Include(s => s.TeamMember)
            .Where(s => s.PatientId == patientId && s.To == null).ToListAsync(ct);

        var consentVisible = (await guard.CheckAsync(patientId, DataKind.Consent, AccessMode.Read, "consent.read", ct: ct)).Allowed;
        CrossSectorConsent? consent = null;
        HouseCourse? course = null;
        if (consentVisible)
        {
            consent = await db.CrossSectorConsents.AsNoTracking().Where(c => c.PatientId == patientId)
                .Where(CrossSectorConsent.ActiveOn(today)).FirstOrDefaultAsync(ct);
            course = await db.HouseCourses.AsNoTracking().Include(c => c.House)
                .Where(c => c.PatientId == patientId).OrderByDescending(c => c.StartDate).FirstOrDefaultAsync(ct);
        }

        var meetingsVisible = (await guard.CheckAsync(patientId, DataKind.Meeting, AccessMode.Read, "meeting.list", ct: ct)).Allowed;
        var rows = new List<MeetingRow>();
        var openTasks = new List<FollowUpTask>();
        var hiddenTasks = 0;
        if (meetingsVisible)
        {
            var meetings = await db.Meetings.AsNoTracking().Include(m => m.HostOrganization).Include(m => m.Minutes)
                .Where(m => m.PatientId == patientId)
                .OrderByDescending(m => m.Start ?? m.RequestedAt)
                .ToListAsync(ct);
            var minutesBySector = new Dictionary<Sector, bool>();
            foreach (var m in meetings)
            {
                var minutes = m.Minutes.Where(v => v.State == MinutesState.Approved).MaxBy(v => v.Number);
                var hidden = false;
                if (minutes is not null && m.HostSector is { } sector)
                {
                    if (!minutesBySector.TryGetValue(sector, out var allowed))
                    {
                        allowed = (await guard.CheckAsync(patientId, DataKind.Minutes, AccessMode.Read, sector, "minutes.read", ct: ct)).Allowed;
                        minutesBySector[sector] = allowed;
                    }

                    hidden = !allowed;
                }

                rows.Add(new MeetingRow(m, hidden ? null : minutes, hidden));
            }

            var tasks = await db.FollowUpTasks.AsNoTracking().Include(t => t.OwnerOrganization).Include(t => t.OwnerUser)
                .Where(t => t.PatientId == patientId && t.CompletedAt == null).OrderBy(t => t.DueDate).ToListAsync(ct);
            foreach (var group in tasks.GroupBy(t => t.OwnerOrganization!.Sector))
            {
                if ((await guard.CheckAsync(patientId, DataKind.FollowUp, AccessMode.Read, group.Key, "followup.list", ct: ct)).Allowed)
                {
                    openTasks.AddRange(group);
                }
                else
                {
                    hiddenTasks += group.Count();
                }
            }
        }

        return View("/Pages/Teams/_CaseTeamSection.cshtml", new Model
        {
            PatientId = patientId,
            Today = today,
            Members = members,
            Stafetholders = stafetholders,
            ConsentVisible = consentVisible,
            Consent = consent,
            Course = course,
            MeetingsVisible = meetingsVisible,
            Meetings = rows,
            OpenTasks = openTasks.OrderBy(t => t.DueDate).ToList(),
            HiddenTasks = hiddenTasks,
        });
    }
}
