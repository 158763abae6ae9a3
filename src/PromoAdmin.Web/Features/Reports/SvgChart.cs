using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace PromoAdmin.Web.Features.Reports;

/// <summary>One series of a chart: its name in the legend, a value per category, and how a value reads.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values, Func<decimal, string> Format);

/// <summary>
/// The one home of the charts' drawing (docs/rules.md#reports): server-rendered SVG, no script and no style attribute
/// (the CSP forbids both), colours as SVG attributes. Each chart is role="img" with a title and a description that
/// summarise it; the page puts the same numbers in a table beside it.
/// </summary>
public static class SvgChart
{
    /// <summary>Fill colours with at least 3:1 against white (graphics); text stays the page's dark grey.</summary>
    public static readonly string[] Palette = ["#0b5ed7", "#b02a37", "#146c43", "#a0530b", "#6f42c1", "#0f7a8a", "#ab296a", "#495057"];

    private static readonly int[] Steps = [1, 2, 5, 10];

    private const string Text = "#343a40", Grid = "#dee2e6", Axis = "#6c757d";
    private const double Width = 640, Right = 12, PlotHeight = 170, CharWidth = 6.6;

    /// <summary>
    /// Vertical columns per category (e.g. a day), the series stacked on each other; the axis names a
    /// category under the axis for a few of them only, so that labels never overlap.
    /// </summary>
    public static IHtmlContent Columns(string id, string title, string summary, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, Func<decimal, string> axisFormat)
    {
        var totals = categories.Select((_, i) => series.Sum(s => s.Values[i])).ToList();
        var (max, step) = Scale(totals.Count == 0 ? 0 : totals.Max());
        var top = LegendHeight(series);
        var svg = Begin(id, title, summary, top + PlotHeight + 28);
        Legend(svg, series);
        var left = YAxis(svg, top, max, step, axisFormat);
        var plot = Width - left - Right;
        var slot = plot / Math.Max(1, categories.Count);
        var bar = Math.Max(1, slot * 0.7);
        for (var i = 0; i < categories.Count; i++)
        {
            var x = left + i * slot + (slot - bar) / 2;
            double baseY = top + PlotHeight;
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[i];
                if (v <= 0) continue;
                var h = (double)(v / max) * PlotHeight;
                baseY -= h;
                svg.Append(F($"<rect class=\"chart-bar\" x=\"{x:0.#}\" y=\"{baseY:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\" fill=\"{Palette[s % Palette.Length]}\"><title>"))
                    .Append(E($"{categories[i]}: {series[s].Name} {series[s].Format(v)}")).Append("</title></rect>");
            }
        }
        XLabels(svg, top, left, categories, slot);
        return End(svg);
    }

    /// <summary>A line per series over the categories, with a point on each value.</summary>
    public static IHtmlContent Lines(string id, string title, string summary, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, Func<decimal, string> axisFormat)
    {
        var (max, step) = Scale(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var top = LegendHeight(series);
        var svg = Begin(id, title, summary, top + PlotHeight + 28);
        Legend(svg, series);
        var left = YAxis(svg, top, max, step, axisFormat);
        var slot = (Width - left - Right) / Math.Max(1, categories.Count);
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var points = series[s].Values.Select((v, i) => (X: left + i * slot + slot / 2, Y: top + PlotHeight - (double)(v / max) * PlotHeight)).ToList();
            svg.Append(F($"<polyline class=\"chart-line\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\""))
                .Append(string.Join(' ', points.Select(p => F($"{p.X:0.#},{p.Y:0.#}")))).Append("\"/>");
            for (var i = 0; i < points.Count; i++)
                svg.Append(F($"<circle class=\"chart-point\" cx=\"{points[i].X:0.#}\" cy=\"{points[i].Y:0.#}\" r=\"2.5\" fill=\"{colour}\"><title>"))
                    .Append(E($"{categories[i]}: {series[s].Name} {series[s].Format(series[s].Values[i])}")).Append("</title></circle>");
        }
        XLabels(svg, top, left, categories, slot);
        return End(svg);
    }

    /// <summary>A horizontal bar per row, its label on the left and its value at the bar's end (top lists, batches).</summary>
    public static IHtmlContent Bars(string id, string title, string summary, IReadOnlyList<(string Label, decimal Value, string Shown)> rows)
    {
        const double rowHeight = 24, labelWidth = 170, valueWidth = 110;
        var max = rows.Select(r => r.Value).DefaultIfEmpty(0).Max();
        if (max <= 0) max = 1;
        var svg = Begin(id, title, summary, rows.Count * rowHeight + 8);
        var plot = Width - labelWidth - valueWidth - Right;
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 4 + i * rowHeight;
            var w = Math.Max(rows[i].Value > 0 ? 2 : 0, (double)(rows[i].Value / max) * plot);
            svg.Append(F($"<text x=\"{labelWidth - 8:0.#}\" y=\"{y + 16:0.#}\" text-anchor=\"end\" fill=\"{Text}\" font-size=\"12\">")).Append(E(Clip(rows[i].Label, 24))).Append("</text>");
            if (w > 0)
                svg.Append(F($"<rect class=\"chart-bar\" x=\"{labelWidth:0.#}\" y=\"{y + 3:0.#}\" width=\"{w:0.#}\" height=\"{rowHeight - 8:0.#}\" fill=\"{Palette[0]}\"><title>"))
                    .Append(E($"{rows[i].Label}: {rows[i].Shown}")).Append("</title></rect>");
            svg.Append(F($"<text x=\"{labelWidth + w + 6:0.#}\" y=\"{y + 16:0.#}\" fill=\"{Text}\" font-size=\"12\">")).Append(E(rows[i].Shown)).Append("</text>");
        }
        return End(svg);
    }

    /// <summary>A round top of the axis above the largest value, in 1, 2 or 5 times a power of ten, four steps or so.</summary>
    public static (decimal Max, decimal Step) Scale(decimal largest)
    {
        if (largest <= 0) return (1, 1);
        var rough = (double)largest / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (decimal)(Steps.Select(m => m * power).First(s => s >= rough));
        if (step < 1 && largest >= 1) step = 1;
        return (Math.Ceiling(largest / step) * step, step);
    }

    private static StringBuilder Begin(string id, string title, string summary, double height)
    {
        var svg = new StringBuilder();
        svg.Append(F($"<svg class=\"chart\" id=\"{id}\" role=\"img\" viewBox=\"0 0 {Width:0} {height:0}\" aria-labelledby=\"{id}-title {id}-desc\" aria-label=\""))
            .Append(E(title + ". " + summary)).Append("\" font-family=\"system-ui, sans-serif\" preserveAspectRatio=\"xMinYMin meet\">")
            .Append(F($"<title id=\"{id}-title\">")).Append(E(title)).Append("</title>")
            .Append(F($"<desc id=\"{id}-desc\">")).Append(E(summary)).Append("</desc>");
        return svg;
    }

    private static HtmlString End(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    /// <summary>Where each legend entry goes: side by side, on the next row when a row is full.</summary>
    private static List<(double X, double Y)> LegendPlaces(IReadOnlyList<ChartSeries> series)
    {
        var places = new List<(double X, double Y)>();
        double x = 8, y = 6;
        foreach (var s in series)
        {
            var width = 18 + s.Name.Length * CharWidth + 16;
            if (x + width > Width - Right && x > 8) (x, y) = (8, y + 18);
            places.Add((x, y));
            x += width;
        }
        return places;
    }

    private static double LegendHeight(IReadOnlyList<ChartSeries> series) => LegendPlaces(series).Select(p => p.Y).DefaultIfEmpty(0).Max() + 32;

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var places = LegendPlaces(series);
        for (var s = 0; s < series.Count; s++)
        {
            var (x, y) = places[s];
            svg.Append(F($"<g class=\"chart-legend\"><rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"12\" height=\"12\" fill=\"{Palette[s % Palette.Length]}\"/>"))
                .Append(F($"<text x=\"{x + 17:0.#}\" y=\"{y + 10.5:0.#}\" fill=\"{Text}\" font-size=\"12\">")).Append(E(series[s].Name)).Append("</text></g>");
        }
    }

    /// <summary>The value axis's grid and labels; returns where the plot starts, right of the widest label.</summary>
    private static double YAxis(StringBuilder svg, double top, decimal max, decimal step, Func<decimal, string> format)
    {
        var ticks = new List<decimal>();
        for (var v = 0m; v <= max; v += step) ticks.Add(v);
        var left = Math.Max(36, ticks.Max(v => format(v).Length) * 6.2 + 12);
        foreach (var v in ticks)
        {
            var y = top + PlotHeight - (double)(v / max) * PlotHeight;
            svg.Append(F($"<line x1=\"{left:0}\" x2=\"{Width - Right:0}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"{(v == 0 ? Axis : Grid)}\" stroke-width=\"1\"/>"))
                .Append(F($"<text x=\"{left - 6:0}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"{Text}\" font-size=\"11\">")).Append(E(format(v))).Append("</text>");
        }
        return left;
    }

    private static void XLabels(StringBuilder svg, double top, double left, IReadOnlyList<string> categories, double slot)
    {
        if (categories.Count == 0) return;
        // About five labels whatever the number of days: the first, the last and evenly between.
        var every = Math.Max(1, (int)Math.Ceiling((categories.Count - 1) / 4.0));
        var y = top + PlotHeight + 18;
        for (var i = 0; i < categories.Count; i += every)
        {
            if (i != categories.Count - 1 && categories.Count - 1 - i < every / 2) continue; // too close to the last one
            Label(i);
        }
        if ((categories.Count - 1) % every != 0) Label(categories.Count - 1);

        void Label(int i)
        {
            var anchor = i == 0 ? "start" : i == categories.Count - 1 ? "end" : "middle";
            var x = i == 0 ? left : i == categories.Count - 1 ? Width - Right : left + i * slot + slot / 2;
            svg.Append(F($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\" fill=\"{Text}\" font-size=\"11\">")).Append(E(categories[i])).Append("</text>");
        }
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
