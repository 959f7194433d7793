using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Fhir.Teams;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Fhir;

/// <summary>
/// CareTeam (casehub-patient-team): Patientens Team, one per patient with the patient's id, read-only, under the
/// team's access rule (DataKind.Team) like the case page's team section.
/// </summary>
public sealed class CareTeamHandler(CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history) : PatientDataHandler(history)
{
    public override FhirResourceDefinition Definition { get; } = new(
        "CareTeam",
        CaseHubUrls.PatientTeamProfile,
        [
            new("_id", SearchParamType.Token, "The team's logical id (the patient's id); several separated by commas."),
            new("patient", SearchParamType.Reference, "The patient: Patient/{id}."),
            new("subject", SearchParamType.Reference, "The same as patient."),
            new("status", SearchParamType.Token, "active (has active members) or inactive; several separated by commas."),
            new("_lastUpdated", SearchParamType.Date, "When the team last changed (meta.lastUpdated), with prefix eq, ge, gt, le or lt."),
        ],
        Documentation: "Patientens Team: every member ever added (a removed one with period.end), role coded from team-role, "
            + "the active stafetholder of each sector with the extra role 'stafetholder'. Read-only; the team is kept in CaseHub.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var patientId) || !await db.TeamMembers.AnyAsync(m => m.PatientId == patientId, ct))
        {
            return FhirResponse.NotFound("CareTeam", id);
        }

        var decision = await guard.CheckAsync(patientId, DataKind.Team, AccessMode.Read, "fhir.read", $"CareTeam/{id}", ct);
        return decision.Allowed ? await OkAsync((await MapAsync([patientId], ct))[0], ct) : FhirResponse.Forbidden("CareTeam", id);
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var visible = guard.VisiblePatients(DataKind.Team);
        var query = visible.Where(p => db.TeamMembers.Any(m => m.PatientId == p.Id)).Select(p => p.Id);
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(p => ids.Contains(p));
                    break;
                case "patient" or "subject":
                    var patientId = ReferenceId(value, "Patient");
                    query = query.Where(p => p == patientId);
                    break;
                case "status":
                    var statuses = value.Split(',', StringSplitOptions.TrimEntries);
                    var active = statuses.Contains("active");
                    var inactive = statuses.Contains("inactive");
                    query = query.Where(p => db.TeamMembers.Any(m => m.PatientId == p && m.RemovedAt == null) ? active : inactive);
                    break;
            }
        }

        return await PageAsync(query.OrderBy(p => p), search, rows => MapAsync(rows, ct),
            patients => audit.RecordListAsync(guard.User, DataKind.Team, patients, ct), ct);
    }

    private async Task<List<MappedResource>> MapAsync(List<Guid> patientIds, CancellationToken ct)
    {
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var members = (await db.TeamMembers.AsNoTracking().Include(m => m.Organization).Where(m => patientIds.Contains(m.PatientId)).ToListAsync(ct))
            .ToLookup(m => m.PatientId);
        var stafetholders = (await db.Stafetholders.AsNoTracking().Where(s => patientIds.Contains(s.PatientId)).ToListAsync(ct)).ToLookup(s => s.PatientId);
        return patientIds.Select(id => new MappedResource(
            CareTeamMapper.ToFhir(patients[id], [.. members[id]], [.. stafetholders[id].Where(s => s.IsActive)]),
            id,
            CareTeamMapper.ChangedAt(members[id], stafetholders[id]))).ToList();
    }
}
