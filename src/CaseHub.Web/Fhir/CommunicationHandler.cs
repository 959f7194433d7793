using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Meetings;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Fhir.Meetings;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Fhir;

/// <summary>
/// Communication (casehub-meeting-minutes): the approved minutes of a netværksmøde, read-only. Minutes are the host
/// sector's data: across sectors they need the patient's active consent (DataKind.Minutes with the host's sector),
/// exactly as on the meeting page.
/// </summary>
public sealed class CommunicationHandler(CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history, TimeProvider clock)
    : PatientDataHandler(history)
{
    public override FhirResourceDefinition Definition { get; } = new(
        "Communication",
        CaseHubUrls.MeetingMinutesProfile,
        [
            new("_id", SearchParamType.Token, "The minutes' logical id (the meeting's id); several separated by commas."),
            new("patient", SearchParamType.Reference, "The patient: Patient/{id}."),
            new("subject", SearchParamType.Reference, "The same as patient."),
            new("about", SearchParamType.Reference, "The meeting: Appointment/{id}."),
            new("sent", SearchParamType.Date, "When the minutes were approved, with prefix eq, ge, gt, le or lt; a date is a whole Danish day."),
            new("_lastUpdated", SearchParamType.Date, "When the minutes last changed (meta.lastUpdated), with prefix eq, ge, gt, le or lt."),
        ],
        Documentation: "Approved minutes of network meetings, one Communication per meeting with the meeting's id; a later approved version is a new version "
            + "(see _history). One payload per template section, coded by the minutes-section extension. Drafts are not exposed. "
            + "Minutes of another sector's meeting need the patient's active cross-sector consent.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var meeting = Guid.TryParse(id, out var meetingId)
            ? await db.Meetings.AsNoTracking().Include(m => m.HostOrganization)
                .Where(m => m.Id == meetingId && m.HostOrganizationId != null && m.Minutes.Any(v => v.State == MinutesState.Approved))
                .FirstOrDefaultAsync(ct)
            : null;
        if (meeting is null)
        {
            return FhirResponse.NotFound("Communication", id);
        }

        var decision = await guard.CheckAsync(meeting.PatientId, DataKind.Minutes, AccessMode.Read, meeting.HostSector!.Value, "fhir.read", $"Communication/{id}", ct);
        return decision.Allowed ? await OkAsync((await MapAsync([meetingId], ct))[0], ct) : FhirResponse.Forbidden("Communication", id);
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var user = guard.User;
        var visible = guard.VisiblePatients(DataKind.Minutes);
        var ownSector = Enum.GetValues<OrganizationKind>().Where(k => Core.Organizations.Organization.SectorOf(k) == user.Sector).ToList();
        var today = DanishCalendar.Today(clock);

        // The policy's sector rule as a filter: the user's own sector's minutes, or any with an active consent.
        var query = db.Meetings.AsNoTracking()
            .Where(m => m.HostOrganizationId != null && m.Minutes.Any(v => v.State == MinutesState.Approved))
            .Where(m => visible.Any(p => p.Id == m.PatientId))
            .Where(m => ownSector.Contains(m.HostOrganization!.Kind)
                || db.CrossSectorConsents.Any(c => c.PatientId == m.PatientId && c.GivenOn <= today
                    && (c.WithdrawnOn == null || c.WithdrawnOn > today) && (c.ValidUntil == null || c.ValidUntil >= today)));
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(m => ids.Contains(m.Id));
                    break;
                case "patient" or "subject":
                    var patientId = ReferenceId(value, "Patient");
                    query = query.Where(m => m.PatientId == patientId);
                    break;
                case "about":
                    var about = ReferenceId(value, "Appointment");
                    query = query.Where(m => m.Id == about);
                    break;
                case "sent":
                    if (DateParameter(value) is not { } range)
                    {
                        return BadDate("sent", value);
                    }

                    var (prefix, low, high) = range;
                    query = prefix switch
                    {
                        "eq" => query.Where(m => m.Minutes.Any(v => v.State == MinutesState.Approved && v.ApprovedAt >= low && v.ApprovedAt < high)),
                        "ge" => query.Where(m => m.Minutes.Any(v => v.State == MinutesState.Approved && v.ApprovedAt >= low)),
                        "gt" => query.Where(m => m.Minutes.Any(v => v.State == MinutesState.Approved && v.ApprovedAt >= high)),
                        "le" => query.Where(m => m.Minutes.Any(v => v.State == MinutesState.Approved && v.ApprovedAt < high)),
                        _ => query.Where(m => m.Minutes.Any(v => v.State == MinutesState.Approved && v.ApprovedAt < low)),
                    };
                    break;
            }
        }

        var ordered = query.OrderByDescending(m => m.Start ?? m.RequestedAt).ThenBy(m => m.Id).Select(m => m.Id);
        return await PageAsync(ordered, search, rows => MapAsync(rows, ct),
            patients => audit.RecordListAsync(user, DataKind.Minutes, patients, ct), ct);
    }

    private async Task<List<MappedResource>> MapAsync(List<Guid> meetingIds, CancellationToken ct)
    {
        var meetings = await db.Meetings.AsNoTracking().AsSplitQuery()
            .Include(m => m.Patient).Include(m => m.HostOrganization).Include(m => m.Minutes)
            .Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return meetingIds.Select(id => meetings[id]).Select(m =>
        {
            var approved = m.Minutes.Where(v => v.State == MinutesState.Approved).MaxBy(v => v.Number)!;
            return new MappedResource(CommunicationMapper.ToFhir(m, approved), m.PatientId, approved.ApprovedAt ?? approved.EditedAt);
        }).ToList();
    }
}
