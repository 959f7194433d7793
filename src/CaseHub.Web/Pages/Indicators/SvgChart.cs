using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace CaseHub.Web.Pages.Indicators;

/// <summary>One line or set of bars in a chart; <paramref name="Values"/> has one entry per category (null: no figure).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>A horizontal reference line (baseline, target) across a line chart.</summary>
public sealed record ChartLine(string Name, double Value, string CssClass);

/// <summary>
/// Small accessible charts as server-rendered SVG: no script and no inline style (the Content-Security-Policy allows
/// neither), colours from classes in site.css, a title and description for screen readers, and each point's value as a
/// tooltip. Every chart is shown with its table, which is where the exact figures are.
/// </summary>
public static class SvgChart
{
    private const int Width = 720;
    private const int Height = 320;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 20;
    private const int Bottom = 50;

    public static IHtmlContent Line(string id, string title, string description, string unit, IReadOnlyList<string> categories,
        IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartLine>? lines = null)
    {
        lines ??= [];
        var max = Max(series.SelectMany(s => s.Values).Concat(lines.Select(l => (double?)l.Value)));
        var svg = Open(id, title, description);
        Axes(svg, unit, max);
        var step = categories.Count > 1 ? (Width - Left - Right) / (double)(categories.Count - 1) : 0;
        double X(int i) => categories.Count > 1 ? Left + (i * step) : Left + ((Width - Left - Right) / 2.0);
        for (var i = 0; i < categories.Count; i++)
        {
            Text(svg, X(i), Height - Bottom + 20, categories[i], "chart-tick", "middle");
        }

        foreach (var line in lines)
        {
            var y = Y(line.Value, max);
            svg.Append(Invariant($"<line class=\"chart-ref {line.CssClass}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"><title>{Encode(line.Name)}: {Number(line.Value)}</title></line>"));
        }

        for (var s = 0; s < series.Count; s++)
        {
            var points = series[s].Values.Select((v, i) => (v, i)).Where(p => p.v is not null).ToList();
            if (points.Count > 1)
            {
                svg.Append(Invariant($"<polyline class=\"chart-series series-{s + 1}\" points=\""));
                svg.AppendJoin(' ', points.Select(p => Invariant($"{X(p.i):0.#},{Y(p.v!.Value, max):0.#}")));
                svg.Append("\" />");
            }

            foreach (var (value, i) in points)
            {
                svg.Append(Invariant($"<circle class=\"chart-point series-{s + 1}\" cx=\"{X(i):0.#}\" cy=\"{Y(value!.Value, max):0.#}\" r=\"4\"><title>{Encode(series[s].Name)}, {Encode(categories[i])}: {Number(value.Value)} {Encode(unit)}</title></circle>"));
            }
        }

        return Close(svg, series.Select(s => s.Name).ToList(), lines);
    }

    public static IHtmlContent Bars(string id, string title, string description, string unit, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        var max = Max(series.SelectMany(s => s.Values));
        var svg = Open(id, title, description);
        Axes(svg, unit, max);
        var groupWidth = (Width - Left - Right) / (double)Math.Max(1, categories.Count);
        var barWidth = groupWidth * 0.8 / Math.Max(1, series.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            var groupLeft = Left + (c * groupWidth) + (groupWidth * 0.1);
            Text(svg, Left + (c * groupWidth) + (groupWidth / 2), Height - Bottom + 20, categories[c], "chart-tick", "middle");
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Values[c] is not { } value)
                {
                    continue;
                }

                var y = Y(value, max);
                svg.Append(Invariant($"<rect class=\"chart-bar series-{s + 1}\" x=\"{groupLeft + (s * barWidth):0.#}\" y=\"{y:0.#}\" width=\"{barWidth:0.#}\" height=\"{Height - Bottom - y:0.#}\"><title>{Encode(series[s].Name)}, {Encode(categories[c])}: {Number(value)} {Encode(unit)}</title></rect>"));
            }
        }

        return Close(svg, series.Select(s => s.Name).ToList(), []);
    }

    /// <summary>A figure as Danish users read it: one decimal, decimal comma.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("N1", Localization.DanishCulture.Instance) : "–";

    private static StringBuilder Open(string id, string title, string description)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart-svg\">"));
        svg.Append(Invariant($"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>"));
        return svg;
    }

    private static void Axes(StringBuilder svg, string unit, double max)
    {
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = Y(value, max);
            svg.Append(Invariant($"<line class=\"chart-grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" />"));
            Text(svg, Left - 8, y + 4, value.ToString(max >= 20 ? "N0" : "N1", Localization.DanishCulture.Instance), "chart-tick", "end");
        }

        svg.Append(Invariant($"<line class=\"chart-axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" />"));
        svg.Append(Invariant($"<line class=\"chart-axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" />"));
        var middle = Top + ((Height - Top - Bottom) / 2);
        svg.Append(Invariant($"<text class=\"chart-label\" x=\"16\" y=\"{middle}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {middle})\">{Encode(unit)}</text>"));
    }

    private static IHtmlContent Close(StringBuilder svg, List<string> series, IReadOnlyList<ChartLine> lines)
    {
        svg.Append("</svg><figcaption><ul class=\"chart-legend\">");
        for (var s = 0; s < series.Count; s++)
        {
            svg.Append(Invariant($"<li><span class=\"swatch series-{s + 1}\" aria-hidden=\"true\"></span>{Encode(series[s])}</li>"));
        }

        foreach (var line in lines)
        {
            svg.Append(Invariant($"<li><span class=\"swatch {line.CssClass}\" aria-hidden=\"true\"></span>{Encode(line.Name)}: {Number(line.Value)}</li>"));
        }

        svg.Append("</ul></figcaption></figure>");
        return new HtmlString(svg.ToString());
    }

    private static double Max(IEnumerable<double?> values)
    {
        var max = values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        if (max <= 0)
        {
            return 1;
        }

        // A round top for the axis: 1, 2 or 5 times a power of ten.
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var factor in new[] { 1.0, 2, 2.5, 5, 10 })
        {
            if (factor * magnitude >= max)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static double Y(double value, double max) => Top + ((Height - Top - Bottom) * (1 - (Math.Max(0, value) / max)));

    private static void Text(StringBuilder svg, double x, double y, string text, string cssClass, string anchor) =>
        svg.Append(Invariant($"<text class=\"{cssClass}\" x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{Encode(text)}</text>"));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
