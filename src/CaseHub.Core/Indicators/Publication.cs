namespace CaseHub.Core.Indicators;

/// <summary>
/// The national publication rules (diskretionering): a count of 1-4 is shown as -1, and so is every value derived from
/// it; other counts are rounded to the nearest 5. Rates stay computed from the unrounded counts.
/// </summary>
public static class Publication
{
    public const long Suppressed = -1;

    public static bool IsSmall(long count) => count is >= 1 and <= 4;

    /// <summary>A mean count (the baseline) that lies strictly between 0 and 5 is as revealing as a count of 1-4.</summary>
    public static bool IsSmall(double meanCount) => meanCount is > 0 and < 5;

    public static long Count(long count) => IsSmall(count) ? Suppressed : RoundToFive(count);

    public static long RoundToFive(long count) => (long)Math.Round(count / 5.0, MidpointRounding.AwayFromZero) * 5;

    /// <summary>The published version of a stored result (a copy; the stored result stays exact).</summary>
    public static IndicatorResult Apply(IndicatorResult r)
    {
        var kind = IndicatorCatalog.Get(r.IndicatorId).Kind;
        var baselineSmall = r.BaselineNumerator is { } b && IsSmall(b);
        double? baseline = baselineSmall ? Suppressed : r.BaselineValue;
        var published = new IndicatorResult
        {
            Id = r.Id,
            IndicatorId = r.IndicatorId,
            Period = r.Period,
            AreaType = r.AreaType,
            AreaCode = r.AreaCode,
            AreaName = r.AreaName,
            AgeGroup = r.AgeGroup,
            Suppressed = r.Suppressed,
            ComputedAt = r.ComputedAt,
            Numerator = Count(r.Numerator),

            // The population is public already; admitted patients and a share's denominator are counts and follow the rules.
            Denominator = kind is IndicatorKind.PerAdmittedPatient or IndicatorKind.Share && r.Denominator is { } d ? Count(d) : r.Denominator,
            Value = r.Suppressed ? Suppressed : r.Value,
            BaselineValue = baseline,
            BaselineNumerator = r.BaselineNumerator,
            ChangePct = r.Suppressed || baselineSmall ? Suppressed : r.ChangePct,
        };
        return published;
    }
}
