using CaseHub.Core.Access;
using CaseHub.Core.Data;

namespace CaseHub.Core.Audit;

/// <summary>Where a request came from, for the audit trail. The web host fills it from the HTTP request.</summary>
public interface IAuditSource
{
    string? IpAddress { get; }

    string? Client { get; }
}

/// <summary>Writes audit entries. Every read and write of a patient's data goes through here.</summary>
public sealed class AuditLog(CaseHubDbContext db, TimeProvider clock, IAuditSource source)
{
    /// <summary>Records an access decision about a patient's data and saves it at once.</summary>
    public async Task RecordAsync(
        CurrentUser user,
        string action,
        DataKind kind,
        string? dataId,
        Guid? patientId,
        AccessDecision decision,
        CancellationToken ct = default)
    {
        db.AuditEntries.Add(Entry(user, action, kind, dataId, patientId, decision));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records that a list showed these patients (a list of names is a read of each).</summary>
    public async Task RecordListAsync(CurrentUser user, DataKind kind, IEnumerable<Guid> patientIds, CancellationToken ct = default)
    {
        var decision = new AccessDecision(true, "list-visible-patients");
        db.AuditEntries.AddRange(patientIds.Select(id => Entry(user, "list", kind, null, id, decision)));
        await db.SaveChangesAsync(ct);
    }

    private AuditEntry Entry(CurrentUser user, string action, DataKind kind, string? dataId, Guid? patientId, AccessDecision decision) =>
        new()
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = user.UserId,
            Username = user.Username,
            UserDisplayName = user.Name,
            OrganizationId = user.OrganizationId,
            OrganizationName = user.OrganizationName,
            Roles = string.Join(',', user.Roles),
            Action = action,
            DataKind = kind.ToString(),
            DataId = dataId,
            PatientId = patientId,
            IpAddress = source.IpAddress,
            Client = source.Client is { Length: > 256 } c ? c[..256] : source.Client,
            Rule = decision.Rule,
            Outcome = decision.Allowed ? AuditOutcome.Allowed : AuditOutcome.Denied,
        };
}
