using System.Globalization;
using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Indicators;

/// <summary>
/// The indicator results as CSV in the national column format (DOMAIN.md section 5), exact or with the publication rules
/// applied. Numbers use a decimal point whatever the culture, so the file reads the same everywhere.
/// </summary>
public sealed class IndicatorExport(CaseHubDbContext db)
{
    public const string Header = "indicator;period;area_type;area_code;area_name;age_group;numerator;denominator;value;baseline_value;change_pct;suppressed";

    public async Task<int> WriteAsync(TextWriter writer, bool published, CancellationToken ct = default)
    {
        await writer.WriteLineAsync(Header.AsMemory(), ct);
        var rows = db.IndicatorResults.AsNoTracking()
            .OrderBy(r => r.IndicatorId).ThenBy(r => r.Period).ThenBy(r => r.AreaType).ThenBy(r => r.AreaCode).ThenBy(r => r.AgeGroup)
            .AsAsyncEnumerable();
        var count = 0;
        await foreach (var stored in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Line(published ? Publication.Apply(stored) : stored, published).AsMemory(), ct);
            count++;
        }

        await writer.FlushAsync(ct);
        return count;
    }

    public static string Line(IndicatorResult r, bool published)
    {
        // Published figures are shown like the national tables (one decimal); exact ones keep their precision.
        var format = published ? "0.#" : "0.######";
        string Number(double? value) => value is { } v ? (v == Publication.Suppressed ? "-1" : v.ToString(format, CultureInfo.InvariantCulture)) : string.Empty;
        return string.Join(';',
            r.IndicatorId,
            r.Period,
            r.AreaType.Code(),
            r.AreaCode,
            Text(r.AreaName),
            r.AgeGroup.Code(),
            r.Numerator.ToString(CultureInfo.InvariantCulture),
            r.Denominator?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Number(r.Value),
            Number(r.BaselineValue),
            Number(r.ChangePct),
            r.Suppressed ? "true" : "false");
    }

    /// <summary>Area names never hold the delimiter today; quote defensively should one ever do.</summary>
    private static string Text(string value) =>
        value.Contains(';', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
