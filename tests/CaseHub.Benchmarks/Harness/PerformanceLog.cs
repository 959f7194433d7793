using System.Globalization;

namespace CaseHub.Benchmarks.Harness;

/// <summary>
/// Appends result rows to docs/performance.md: one table per benchmark under its own heading, each with the line
/// that reproduces it. A missing section is created with its header.
/// </summary>
internal static class PerformanceLog
{
    public const string Header = "| Date | Commit | Machine | Scale | Figure | Result | Target | Met |";

    public static string File => Path.Combine(Paths.RepositoryRoot, "docs", "performance.md");

    public static string Machine
    {
        get
        {
            var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
            return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {memory:F0} GB");
        }
    }

    public static void Append(string section, string reproduce, double scale, IEnumerable<(string Figure, string Result, string Target, bool? Met)> rows)
    {
        var lines = System.IO.File.Exists(File) ? System.IO.File.ReadAllLines(File).ToList() : ["# Performance", string.Empty];
        var heading = "## " + section;
        var at = lines.IndexOf(heading);
        if (at < 0)
        {
            if (lines.Count > 0 && lines[^1].Length > 0)
            {
                lines.Add(string.Empty);
            }

            lines.AddRange([heading, string.Empty, $"Reproduce: `{reproduce}`", string.Empty, Header, "|---|---|---|---|---|---|---|---|"]);
            at = lines.Count - 1;
        }

        // The end of this section's table: the last table line before the next heading.
        var end = at;
        for (var i = at + 1; i < lines.Count && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (lines[i].StartsWith('|'))
            {
                end = i;
            }
        }

        var date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var commit = Paths.Commit();
        var scaleText = scale.ToString(CultureInfo.InvariantCulture);
        lines.InsertRange(end + 1, rows.Select(r => $"| {date} | {commit} | {Machine} | {scaleText} | {r.Figure} | {r.Result} | {r.Target} | {r.Met switch { null => "–", true => "yes", false => "**no**" }} |"));
        System.IO.File.WriteAllLines(File, lines);
    }
}
