using CaseHub.Core.Data;

namespace CaseHub.Core.Flags;

/// <summary>The thresholds of the flag rules (<c>CaseHub:Flags:*</c>); the defaults are the product's choices.</summary>
public sealed class FlagSettings
{
    public int MissingBeforeDischargeDays { get; set; } = 3;

    public int UnansweredWorkingDays { get; set; } = 5;

    public int NetworkMeetingWorkingDays { get; set; } = 5;

    public int NoMeetingAfterDischargeDays { get; set; } = 30;

    public int MinutesMissingWorkingDays { get; set; } = 2;

    /// <summary>How far back discharges and meetings are looked at; older ones are history, not work.</summary>
    public int LookbackDays { get; set; } = 90;

    /// <summary>How often the recurring evaluation runs.</summary>
    public int IntervalMinutes { get; set; } = 15;
}

/// <summary>What a rule evaluates against: the database, the moment, the thresholds, and optionally a few patients.</summary>
/// <param name="Db">The database.</param>
/// <param name="Now">The instant of the evaluation (UTC).</param>
/// <param name="Today">The Danish day of the evaluation.</param>
/// <param name="Settings">The thresholds.</param>
/// <param name="PatientIds">Only these patients (after a notification), or null for everyone.</param>
public sealed record FlagContext(CaseHubDbContext Db, DateTime Now, DateOnly Today, FlagSettings Settings, IReadOnlyCollection<Guid>? PatientIds)
{
    /// <summary>Restricts a query to the patients of an incremental evaluation.</summary>
    public IQueryable<T> ForPatients<T>(IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, Guid>> patientId)
    {
        if (PatientIds is null)
        {
            return query;
        }

        // Through a closure, so EF sends the ids as a parameter: as an expression constant they were part of the
        // query's cache key, and every notification compiled each rule's query anew (about 15 ms of CPU per rule).
        var ids = PatientIds;
        System.Linq.Expressions.Expression<Func<IReadOnlyCollection<Guid>>> captured = () => ids;
        var parameter = patientId.Parameters[0];
        var contains = System.Linq.Expressions.Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)],
            captured.Body, patientId.Body);
        return query.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(contains, parameter));
    }
}

/// <summary>A named rule that finds the flags that should be open now. Rules are set-based queries, never per patient.</summary>
public interface IFlagRule
{
    /// <summary>Stable id, stored on flags and in the FHIR code system.</summary>
    string Id { get; }

    /// <summary>The Danish name users see.</summary>
    string Name { get; }

    Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct);
}

/// <summary>Dates in flag summaries as users read them.</summary>
public static class FlagText
{
    public static string Day(DateOnly day) => day.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
