using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static CaseHub.E2E.Tests.Journey;

namespace CaseHub.E2E.Tests;

/// <summary>
/// What users expect without asking: the browser shows dates the Danish way in date fields, every page says it is
/// Danish, and a document's print view comes out on A4 paper.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class PolishJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task Date_fields_show_day_month_year_in_Danish_and_every_page_is_marked_Danish()
    {
        var ward = await browser.SignedInAsync("kontakt.s3");
        await MenuAsync(ward, "Mine patienter");
        await PressAsync(ward.GetByRole(AriaRole.Link, new() { Name = "Registrér indlæggelse" }));
        await ward.GetByLabel("Indlagt dato").FillAsync("2026-03-02");
        await BrowserFixture.CheckPageAsync(ward, "60-datofelt-paa-dansk");

        // The date field's parts as the browser exposes them to screen readers: Danish names, day first.
        var cdp = await ward.Context.NewCDPSessionAsync(ward);
        var tree = await cdp.SendAsync("Accessibility.getFullAXTree");
        var parts = tree!.Value.GetProperty("nodes").EnumerateArray()
            .Where(n => n.TryGetProperty("role", out var r) && r.GetProperty("value").GetString() == "spinbutton")
            .Select(n => n.TryGetProperty("name", out var name) && name.TryGetProperty("value", out var v) ? v.GetString() ?? string.Empty : string.Empty)
            .ToList();
        Assert.True(parts.Count >= 3 && parts[0].StartsWith("Dag", StringComparison.Ordinal)
            && parts[1].StartsWith("Måned", StringComparison.Ordinal) && parts[2].StartsWith("År", StringComparison.Ordinal),
            "The date field should read Dag, Måned, År (is chromium-l10n installed?); it reads: " + string.Join(", ", parts));

        // Every page in the app declares Danish, including the error pages.
        foreach (var path in new[] { "/", "/Patients", "/Flags", "/FollowUps", "/Meetings", "/Patients/Case/" + Guid.NewGuid() })
        {
            await ward.GotoAsync(browser.App!.BaseUrl + path);
            Assert.Equal("da", await ward.EvaluateAsync<string>("document.documentElement.lang"));
        }
    }

    [Fact]
    public async Task The_print_view_of_an_udskrivningsaftale_fits_A4()
    {
        // Peter Andersen's active udskrivningsaftale, from the ward's case page.
        var ward = await browser.SignedInAsync("kontakt.s4");
        await MenuAsync(ward, "Mine patienter");
        await PressAsync(ward.GetByRole(AriaRole.Link, new() { Name = "Peter Andersen" }));
        await PressAsync(ward.Locator(".case-documents").GetByRole(AriaRole.Link, new() { Name = "Udskrivningsaftale" }).First);
        await PressAsync(ward.GetByRole(AriaRole.Link, new() { Name = "Udskriftsvenlig visning" }));
        await BrowserFixture.CheckPageAsync(ward, "61-udskriftsvenlig-visning");

        // As printed: no menu or buttons, and nothing wider than the A4 text area (210 mm less 2 x 16 mm margins).
        await ward.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(ward.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(ward.Locator("#print-button")).ToBeHiddenAsync();
        await ward.SetViewportSizeAsync(673, 1000); // 178 mm at 96 px per inch
        var overflow = await ward.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var widest = await ward.EvaluateAsync<string>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)" +
            ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')");
        Assert.True(overflow <= 0, $"The printed document is {overflow}px wider than an A4 page's text area: {widest}");

        // The PDF chromium prints: A4 pages (595 x 842 points), the whole document on a few of them.
        var pdf = Encoding.Latin1.GetString(await ward.PdfAsync(new() { PreferCSSPageSize = true }));
        var pages = PageObject().Matches(pdf).Count;
        Assert.InRange(pages, 1, 4);
        var box = MediaBox().Match(pdf);
        Assert.True(box.Success, "The PDF has no MediaBox");
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 594, 597);
        Assert.InRange(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 841, 843);
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ScreenshotDirectory, "62-udskrift.pdf"), Encoding.Latin1.GetBytes(pdf));
    }

    [GeneratedRegex(@"/Type\s*/Page\b")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]")]
    private static partial Regex MediaBox();
}
