using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Audit;

/// <summary>How long audit entries are kept (<c>CaseHub:Audit</c>).</summary>
public sealed class AuditRetentionSettings
{
    /// <summary>Entries older than this many years are deleted by the nightly job; 10 by default.</summary>
    public int RetentionYears { get; set; } = 10;

    /// <summary>Rows deleted per statement, so one run never holds a long lock on a national-size table.</summary>
    public int BatchSize { get; set; } = 5000;
}

/// <summary>
/// Deletes audit entries older than the retention period. This is the only way an audit entry ever leaves the
/// database: the DbContext refuses tracked changes and deletes, and this job deletes set-wise by age alone, never a
/// chosen entry. Provider neutral (ExecuteDeleteAsync), in batches by id.
/// </summary>
public sealed class AuditRetentionJob(CaseHubDbContext db, TimeProvider clock, IOptions<AuditRetentionSettings> settings, ILogger<AuditRetentionJob> logger)
{
    /// <summary>The recurring job's stable id.</summary>
    public const string RecurringId = "audit-retention";

    /// <summary>Deletes every entry older than the retention period; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var years = settings.Value.RetentionYears;
        if (years < 1)
        {
            // A zero or negative setting would wipe the trail: refuse rather than obey a typo.
            throw new InvalidOperationException($"Setting 'CaseHub:Audit:RetentionYears' must be at least 1, was {years}.");
        }

        var batchSize = Math.Max(1, settings.Value.BatchSize);
        var cutoff = clock.GetUtcNow().UtcDateTime.AddYears(-years);
        var total = 0;
        while (true)
        {
            var batch = db.AuditEntries.Where(e => e.At < cutoff).OrderBy(e => e.Id).Select(e => e.Id).Take(batchSize);
            var deleted = await db.AuditEntries.Where(e => batch.Contains(e.Id)).ExecuteDeleteAsync(ct);
            total += deleted;
            if (deleted < batchSize)
            {
                break;
            }
        }

        logger.LogInformation("Audit retention deleted {Count} entries older than {Cutoff:o} ({Years} years)", total, cutoff, years);
        return total;
    }
}
