using System.Diagnostics.Metrics;
using CaseHub.Core.Calendar;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Flags;

/// <summary>
/// Runs flag rules and brings the flags table in line: new conditions raise a flag, cleared ones resolve it, a
/// condition that returns reopens the same flag. Idempotent; two evaluations at once cannot duplicate a flag (the
/// unique key refuses the second insert, and the loser evaluates again).
/// </summary>
public sealed class FlagEvaluator(CaseHubDbContext db, IEnumerable<IFlagRule> rules, TimeProvider clock, IOptions<FlagSettings> settings)
{
    private static readonly Counter<long> Raised = Telemetry.Meter.CreateCounter<long>("casehub.flags.raised", description: "Flags raised");
    private static readonly Counter<long> Resolved = Telemetry.Meter.CreateCounter<long>("casehub.flags.resolved", description: "Flags resolved by themselves");

    public IReadOnlyList<IFlagRule> Rules { get; } = rules.ToList();

    /// <summary>The outcome of one rule's evaluation.</summary>
    public sealed record RuleRun(string Rule, int Open, int Raised, int Resolved);

    /// <summary>Evaluates the given rules (all when null), for the given patients (everyone when null).</summary>
    public async Task<IReadOnlyList<RuleRun>> EvaluateAsync(IReadOnlyCollection<string>? ruleIds = null, IReadOnlyCollection<Guid>? patientIds = null, CancellationToken ct = default)
    {
        var runs = new List<RuleRun>();
        foreach (var rule in Rules.Where(r => ruleIds is null || ruleIds.Contains(r.Id)))
        {
            runs.Add(await EvaluateRuleAsync(rule, patientIds, ct));
        }

        return runs;
    }

    private async Task<RuleRun> EvaluateRuleAsync(IFlagRule rule, IReadOnlyCollection<Guid>? patientIds, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(rule, patientIds, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another server inserted or changed the same flag meanwhile: look again at what is there now.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<RuleRun> ApplyAsync(IFlagRule rule, IReadOnlyCollection<Guid>? patientIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var context = new FlagContext(db, now, DanishCalendar.Today(clock), settings.Value, patientIds);
        var wanted = (await rule.FindAsync(context, ct)).DistinctBy(c => c.SubjectId).ToDictionary(c => c.SubjectId);

        var ofRule = context.ForPatients(db.Set<Flag>().Where(f => f.Rule == rule.Id), f => f.PatientId);
        var existing = await ofRule.Where(f => f.ResolvedAt == null).ToListAsync(ct);

        // Resolved flags whose condition is back, looked up in chunks: a national run wants tens of thousands of
        // subjects, more than a database accepts as parameters of one query (SQLite stops at 32,766).
        var open = existing.Select(f => f.SubjectId).ToHashSet();
        foreach (var chunk in wanted.Keys.Where(k => !open.Contains(k)).Chunk(500))
        {
            existing.AddRange(await ofRule.Where(f => f.ResolvedAt != null && chunk.Contains(f.SubjectId)).ToListAsync(ct));
        }

        var bySubject = existing.ToDictionary(f => f.SubjectId);

        int raised = 0, resolved = 0;
        foreach (var candidate in wanted.Values)
        {
            if (!bySubject.TryGetValue(candidate.SubjectId, out var flag))
            {
                db.Add(new Flag
                {
                    PatientId = candidate.PatientId,
                    Rule = rule.Id,
                    SubjectKind = candidate.SubjectKind,
                    SubjectId = candidate.SubjectId,
                    OwnerOrganizationId = candidate.OwnerOrganizationId,
                    WatcherOrganizationId = candidate.WatcherOrganizationId,
                    Since = candidate.Since,
                    Summary = candidate.Summary,
                    RaisedAt = now,
                });
                raised++;
            }
            else if (!flag.IsOpen && !flag.IsDismissed)
            {
                // The condition is back after it had cleared: the same flag opens again.
                flag.ResolvedAt = null;
                flag.ResolvedBy = null;
                flag.RaisedAt = now;
                Refresh(flag, candidate);
                raised++;
            }
            else if (flag.IsOpen && (flag.Summary != candidate.Summary || flag.Since != candidate.Since || flag.OwnerOrganizationId != candidate.OwnerOrganizationId))
            {
                Refresh(flag, candidate);
            }
        }

        foreach (var flag in existing.Where(f => f.IsOpen && !wanted.ContainsKey(f.SubjectId)))
        {
            flag.ResolvedAt = now;
            flag.Version++;
            resolved++;
        }

        await db.SaveChangesAsync(ct);
        Raised.Add(raised, new KeyValuePair<string, object?>("rule", rule.Id));
        Resolved.Add(resolved, new KeyValuePair<string, object?>("rule", rule.Id));
        return new RuleRun(rule.Id, wanted.Count, raised, resolved);
    }

    private static void Refresh(Flag flag, FlagCandidate candidate)
    {
        flag.Summary = candidate.Summary;
        flag.Since = candidate.Since;
        flag.OwnerOrganizationId = candidate.OwnerOrganizationId;
        flag.WatcherOrganizationId = candidate.WatcherOrganizationId;
        flag.Version++;
    }
}
