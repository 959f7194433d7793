using CaseHub.Core.Access;
using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Flags;

/// <summary>An open flag as a worklist shows it; <paramref name="Kind"/> is the data it is about (for the audit trail).</summary>
public sealed record FlagRow(Guid Id, Guid PatientId, string PatientName, string RuleName, string Summary, DateOnly? Since,
    string OwnerName, string ActionUrl, bool MayDismiss, DataKind Kind);

/// <summary>The worklists' one query: open flags of the user's organization (owner or watcher) the user may see (<see cref="FlagSubject.Visible"/>).</summary>
public sealed class FlagWorklist(CaseHubDbContext db, FlagEvaluator evaluator, PatientAccessPolicy policy, Core.Audit.AuditLog audit)
{
    public IQueryable<Flag> OpenFor(CurrentUser user) =>
        FlagSubject.Visible(db.Flags, kind => policy.VisiblePatients(user, kind))
            .Where(f => f.ResolvedAt == null && (f.OwnerOrganizationId == user.OrganizationId || f.WatcherOrganizationId == user.OrganizationId));

    public Task<int> CountAsync(CurrentUser user, CancellationToken ct) => OpenFor(user).CountAsync(ct);

    /// <summary>The rows, oldest condition first.</summary>
    public async Task<List<FlagRow>> RowsAsync(IQueryable<Flag> flags, CurrentUser user, int take, CancellationToken ct)
    {
        var names = evaluator.Rules.ToDictionary(r => r.Id, r => r.Name);
        var rows = await flags.OrderBy(f => f.Since).ThenBy(f => f.RaisedAt).Take(take)
            .Select(f => new { f.Id, f.PatientId, f.Patient!.GivenName, f.Patient.FamilyName, f.Rule, f.Summary, f.Since, Owner = f.OwnerOrganization!.Name, f.OwnerOrganizationId, f.SubjectKind, f.SubjectId })
            .ToListAsync(ct);
        return rows.Select(r => new FlagRow(r.Id, r.PatientId, $"{r.GivenName} {r.FamilyName}", names.GetValueOrDefault(r.Rule, r.Rule), r.Summary, r.Since, r.Owner,
            ActionUrl(r.SubjectKind, r.SubjectId, r.PatientId), r.OwnerOrganizationId == user.OrganizationId, FlagSubject.DataKindOf(r.SubjectKind))).ToList();
    }

    /// <summary>Audits the patients a worklist showed, under the kind of data each flag is about.</summary>
    public async Task AuditAsync(CurrentUser user, IEnumerable<FlagRow> rows, CancellationToken ct)
    {
        foreach (var kind in rows.GroupBy(r => r.Kind))
        {
            await audit.RecordListAsync(user, kind.Key, kind.Select(r => r.PatientId).Distinct(), ct);
        }
    }

    /// <summary>Where the user goes to do what the flag asks.</summary>
    public static string ActionUrl(string subjectKind, Guid subjectId, Guid patientId) => subjectKind switch
    {
        FlagSubject.Document => $"/Agreements/{subjectId}",
        FlagSubject.Meeting => $"/Meetings/Details/{subjectId}",
        FlagSubject.Task => "/FollowUps",
        FlagSubject.Consent => $"/House/Course/{patientId}",
        _ => $"/Patients/Case/{patientId}",
    };
}
