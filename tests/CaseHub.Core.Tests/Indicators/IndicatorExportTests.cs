using System.Globalization;
using CaseHub.Core.Indicators;

namespace CaseHub.Core.Tests.Indicators;

public sealed class IndicatorExportTests(ComputedDataset dataset) : IClassFixture<ComputedDataset>
{
    private async Task<string[]> ExportAsync(bool published)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("da-DK"); // decimal comma in Danish: the CSV must not use it
        try
        {
            await using var db = dataset.Database.NewContext();
            await using var writer = new StringWriter(CultureInfo.InvariantCulture);
            await new IndicatorExport(db).WriteAsync(writer, published);
            return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static string Row(string[] lines, string prefix) => Assert.Single(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task Exact_export_has_the_national_columns_and_invariant_numbers()
    {
        var lines = await ExportAsync(published: false);
        Assert.Equal("indicator;period;area_type;area_code;area_name;age_group;numerator;denominator;value;baseline_value;change_pct;suppressed", lines[0]);
        Assert.Equal(19 * 4 * 3 * 104 * 3 + 1, lines.Length);
        Assert.Equal("coercion-target-episodes;2024;nation;DK;Hele landet;all;32;350000;9.142857;5.809524;57.377049;false",
            Row(lines, "coercion-target-episodes;2024;nation;DK;Hele landet;all;"));
        Assert.Equal("coercion-target-episodes;2024;municipality;0860;Hjørring Kommune;all;2;50000;4;0;;true",
            Row(lines, "coercion-target-episodes;2024;municipality;0860;Hjørring Kommune;all;"));
    }

    [Fact]
    public async Task Published_export_applies_suppression_and_rounding()
    {
        var lines = await ExportAsync(published: true);
        Assert.Equal("coercion-target-episodes;2024;nation;DK;Hele landet;all;30;350000;9.1;5.8;57.4;false",
            Row(lines, "coercion-target-episodes;2024;nation;DK;Hele landet;all;"));
        Assert.Equal("coercion-target-episodes;2024;municipality;0860;Hjørring Kommune;all;-1;50000;-1;0;-1;true",
            Row(lines, "coercion-target-episodes;2024;municipality;0860;Hjørring Kommune;all;"));
        Assert.Equal("coercion-target-episodes;2024;region;1082;Region Midtjylland;children;25;50000;46;0;;false",
            Row(lines, "coercion-target-episodes;2024;region;1082;Region Midtjylland;children;"));
        Assert.Equal("coercion-target-episodes-per-admitted-patient;2024;region;1082;Region Midtjylland;all;25;-1;-1;-1;-1;true",
            Row(lines, "coercion-target-episodes-per-admitted-patient;2024;region;1082;Region Midtjylland;all;"));
    }
}
