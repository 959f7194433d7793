using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Meetings;
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
/// Appointment (casehub-network-meeting): netværksmøder from request to the held meeting, read-only, under the
/// meeting access rule (DataKind.Meeting) like the meeting pages.
/// </summary>
public sealed class AppointmentHandler(CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history) : PatientDataHandler(history)
{
    public override FhirResourceDefinition Definition { get; } = new(
        "Appointment",
        CaseHubUrls.NetworkMeetingProfile,
        [
            new("_id", SearchParamType.Token, "The meeting's logical id; several separated by commas."),
            new("patient", SearchParamType.Reference, "The patient the meeting is about: Patient/{id}."),
            new("status", SearchParamType.Token, "proposed (requested), booked (planned) or fulfilled (held); several separated by commas."),
            new("date", SearchParamType.Date, "The meeting's start, with prefix eq, ge, gt, le or lt; a date is a whole Danish day. Requested meetings have no start."),
            new("_lastUpdated", SearchParamType.Date, "When the meeting last changed (meta.lastUpdated), with prefix eq, ge, gt, le or lt."),
        ],
        Documentation: "Netværksmøder: requested (proposed), planned (booked) and held (fulfilled, with attendance per participant in the participant-attended extension). "
            + "A held meeting is this same Appointment rather than a separate Encounter, so a meeting has one address through its whole life; "
            + "its minutes are the Communication with the same id, its decisions the Tasks whose focus is the Appointment.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var patientId = Guid.TryParse(id, out var meetingId)
            ? await db.Meetings.Where(m => m.Id == meetingId).Select(m => (Guid?)m.PatientId).FirstOrDefaultAsync(ct)
            : null;
        if (patientId is null)
        {
            return FhirResponse.NotFound("Appointment", id);
        }

        var decision = await guard.CheckAsync(patientId.Value, DataKind.Meeting, AccessMode.Read, "fhir.read", $"Appointment/{id}", ct);
        return decision.Allowed ? await OkAsync((await MapAsync([meetingId], ct))[0], ct) : FhirResponse.Forbidden("Appointment", id);
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var visible = guard.VisiblePatients(DataKind.Meeting);
        var query = db.Meetings.AsNoTracking().Where(m => visible.Any(p => p.Id == m.PatientId));
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(m => ids.Contains(m.Id));
                    break;
                case "patient":
                    var patientId = ReferenceId(value, "Patient");
                    query = query.Where(m => m.PatientId == patientId);
                    break;
                case "status":
                    var statuses = value.Split(',', StringSplitOptions.TrimEntries).SelectMany(AppointmentMapper.StatusesFor).ToList();
                    query = query.Where(m => statuses.Contains(m.Status));
                    break;
                case "date":
                    if (DateParameter(value) is not { } range)
                    {
                        return BadDate("date", value);
                    }

                    var (prefix, low, high) = range;

                    query = prefix switch
                    {
                        "eq" => query.Where(m => m.Start >= low && m.Start < high),
                        "ge" => query.Where(m => m.Start >= low),
                        "gt" => query.Where(m => m.Start >= high),
                        "le" => query.Where(m => m.Start < high),
                        _ => query.Where(m => m.Start < low),
                    };
                    break;
            }
        }

        var ordered = query.OrderByDescending(m => m.Start ?? m.RequestedAt).ThenBy(m => m.Id).Select(m => m.Id);
        return await PageAsync(ordered, search, rows => MapAsync(rows, ct),
            patients => audit.RecordListAsync(guard.User, DataKind.Meeting, patients, ct), ct);
    }

    private async Task<List<MappedResource>> MapAsync(List<Guid> meetingIds, CancellationToken ct)
    {
        var meetings = await db.Meetings.AsNoTracking().AsSplitQuery()
            .Include(m => m.Patient).Include(m => m.HostOrganization).Include(m => m.Participants).ThenInclude(p => p.TeamMember)
            .Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return meetingIds.Select(id => meetings[id]).Select(m => new MappedResource(
            AppointmentMapper.ToFhir(m), m.PatientId, m.HeldAt ?? m.RequestedAt)).ToList();
    }
}
