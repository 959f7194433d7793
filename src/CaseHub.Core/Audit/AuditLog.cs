using CaseHub.Core.Access;
using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Audit;

/// <summary>Where a request came from, for the audit trail. The web host fills it from the HTTP request.</summary>
public interface IAuditSource
{
    string? IpAddress { get; }

    string? Client { get; }
}

/// <summary>
/// Writes audit entries. Every read and write of a patient's data goes through here.
/// </summary>
/// <remarks>
/// Entries are written through a context of their own, never the caller's: the caller's context may hold changes a
/// use case refused to save, and a FHIR transaction that rolls back must not take the record of the attempt with it.
/// In a web request the host defers writing until just before the response starts (<see cref="DeferUntilFlush"/>), so
/// a page that checks access five times commits once: at 5 ms per durable SQLite commit, per-check commits capped
/// throughput and made writers queue behind each other (docs/performance.md). No byte of the response leaves before
/// its entries are stored, and a failed write fails the response.
/// </remarks>
public sealed class AuditLog(DbContextOptions<CaseHubDbContext> options, TimeProvider clock, IAuditSource source)
{
    private readonly List<AuditEntry> pending = [];
    private bool deferred;

    /// <summary>Holds entries until <see cref="FlushAsync"/>; the web host calls it when the response starts.</summary>
    public void DeferUntilFlush() => deferred = true;

    /// <summary>Records an access decision about a patient's data.</summary>
    public Task RecordAsync(
        CurrentUser user,
        string action,
        DataKind kind,
        string? dataId,
        Guid? patientId,
        AccessDecision decision,
        CancellationToken ct = default)
    {
        pending.Add(Entry(user, action, kind, dataId, patientId, decision));
        return deferred ? Task.CompletedTask : FlushAsync(ct);
    }

    /// <summary>Records that a list showed these patients (a list of names is a read of each).</summary>
    public Task RecordListAsync(CurrentUser user, DataKind kind, IEnumerable<Guid> patientIds, CancellationToken ct = default)
    {
        var decision = new AccessDecision(true, "list-visible-patients");
        pending.AddRange(patientIds.Select(id => Entry(user, "list", kind, null, id, decision)));
        return deferred ? Task.CompletedTask : FlushAsync(ct);
    }

    /// <summary>Stores what is pending; anything recorded afterwards is stored at once (the response has started).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        deferred = false;
        if (pending.Count == 0)
        {
            return;
        }

        await using var db = new CaseHubDbContext(options);
        db.AuditEntries.AddRange(pending);
        await db.SaveChangesAsync(ct);
        pending.Clear();
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
