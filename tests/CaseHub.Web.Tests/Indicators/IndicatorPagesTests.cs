using System.Net;
using CaseHub.Core.Indicators;
using CaseHub.Web.Jobs;
using CaseHub.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Web.Tests.Indicators;

/// <summary>An analyst uploads the three files, presses Beregn, reads the dashboard and downloads the CSV.</summary>
public sealed class IndicatorPagesTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private async Task<HttpClient> LoadedAnalystAsync()
    {
        var client = factory.ClientFor("analytiker");
        if (await factory.WithDbAsync(db => db.IndicatorResults.AnyAsync()))
        {
            return client;
        }

        foreach (var (kind, csv) in new[] { ("population", WebDataset.Population()), ("register", WebDataset.Register()), ("admissions", WebDataset.Admissions) })
        {
            var response = await WebDataset.UploadAsync(client, kind, csv);
            var page = await Html.ParseAsync(response);
            Assert.Contains("er importeret", page.QuerySelector("#import-result")!.TextContent, StringComparison.Ordinal);
        }

        var computed = await Html.ParseAsync(await client.SubmitFormAsync("/Indicators/Import", new Dictionary<string, string?>(), "form#compute"));
        Assert.Contains("Indikatorerne er beregnet", computed.QuerySelector("#compute-result")!.TextContent, StringComparison.Ordinal);
        return client;
    }

    [Theory]
    [InlineData("analytiker")]
    [InlineData("admin")]
    public async Task Analysts_and_administrators_see_the_nav_item_and_the_pages(string username)
    {
        var client = factory.ClientFor(username);
        var home = await client.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("nav a[href='/Indicators']"));
        await client.GetPageAsync("/Indicators");
        await client.GetPageAsync("/Indicators/Import");
    }

    [Theory]
    [InlineData("kontakt.s4")]
    [InlineData("sag.aalborg")]
    [InlineData("hus.aalborg")]
    public async Task Other_staff_get_no_nav_item_and_403(string username)
    {
        var client = factory.ClientFor(username);
        Assert.Null((await client.GetPageAsync("/")).QuerySelector("nav a[href='/Indicators']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Indicators")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Indicators/Import")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Indicators?handler=Export&published=true")).StatusCode);
    }

    [Fact]
    public async Task A_bad_file_is_rejected_with_every_bad_row_number_and_reason_in_Danish()
    {
        var client = factory.ClientFor("admin");
        var page = await Html.ParseAsync(await WebDataset.UploadAsync(client, "register", WebDataset.BadRegister, "fejl.csv"));
        var result = page.QuerySelector("#import-result")!;
        Assert.Contains("fejl.csv blev ikke importeret", result.TextContent, StringComparison.Ordinal);
        var errors = result.QuerySelectorAll("ol.import-errors li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Linje 3: municipality_code '85' er ikke en kommunekode", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Linje 4: type 'tvang' er ukendt", errors[1], StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.RegisterMeasures.AnyAsync(m => m.MeasureId == "B1")));
    }

    [Fact]
    public async Task Uploading_without_a_file_says_so()
    {
        var client = factory.ClientFor("analytiker");
        var page = await client.GetPageAsync("/Indicators/Import");
        var token = page.QuerySelector("form#import-population input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Population"), "kind" } };
        var response = await Html.ParseAsync(await client.PostAsync("/Indicators/Import?handler=Import", content));
        Assert.Contains("Vælg en CSV-fil", response.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_shows_the_target_trend_against_baseline_and_targets_with_a_table_under_every_chart()
    {
        var client = await LoadedAnalystAsync();
        var response = await client.GetAsync("/Indicators");
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);

        // No inline styles or scripts: the Content-Security-Policy would block them.
        Assert.Empty(page.QuerySelectorAll("[style], script, style"));

        // The national charts; the operational pair (per cent and counts) shares one table and has its own test.
        var figures = page.QuerySelectorAll("figure.chart").Where(f => f.ParentElement?.ClassList.Contains("chart-pair") != true).ToList();
        Assert.Equal(5, figures.Count);
        foreach (var figure in figures)
        {
            var svg = figure.QuerySelector("svg")!;
            Assert.Equal("img", svg.GetAttribute("role"));
            Assert.Contains("pr. 100.000 borgere", svg.QuerySelector("text.chart-label")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("TABLE", figure.NextElementSibling!.TagName);
        }

        var target = page.QuerySelector("#target-heading")!.ParentElement!;
        var rows = target.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["2024", "9", "9,0", "-10,0 %", "4", "4,0"], rows[^1]); // 7 belt + 2 holdings = 9 per 100,000; baseline 10; K0-K2 and C1
        Assert.Contains("Mål 30 %: 7,0", target.QuerySelector("tfoot")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mål 40 %: 6,0", target.QuerySelector("tfoot")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, target.QuerySelectorAll("line.chart-ref").Length); // baseline, 30 % and 40 %

        var regions = page.QuerySelector("#regions-heading")!.ParentElement!;
        Assert.Contains("Region Nordjylland", regions.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
        var children = page.QuerySelector("#ages-heading")!.ParentElement!.QuerySelectorAll("tbody tr")[^1].QuerySelectorAll("td")[3].TextContent;
        Assert.Equal("2", children);
        Assert.Contains("Udskrivningsaftaler", page.QuerySelector("#documents-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);

        // Aggregates only: no person key from the extracts reaches the page's text (the raw HTML also holds random
        // antiforgery tokens, where two characters like these can occur by chance).
        Assert.DoesNotMatch(@"\b(K[0-9]|C1)\b", page.Body!.TextContent);
    }

    [Fact]
    public async Task The_exports_download_exact_and_published_CSV()
    {
        var client = await LoadedAnalystAsync();
        var page = await client.GetPageAsync("/Indicators");
        var exact = page.QuerySelector("a[href*='handler=Export'][href*='published=false']")!.GetAttribute("href")!;
        var published = page.QuerySelector("a[href*='handler=Export'][href*='published=true']")!.GetAttribute("href")!;

        var response = await client.GetAsync(exact);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(IndicatorExport.Header, lines[0]);
        Assert.Contains("coercion-target-episodes;2024;region;1081;Region Nordjylland;all;9;100000;9;10;-10;false", lines);
        Assert.Contains("coercion-target-episodes;2024;region;1081;Region Nordjylland;children;2;20000;10;0;;true", lines);

        var publishedLines = (await client.GetStringAsync(published)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("coercion-target-episodes;2024;region;1081;Region Nordjylland;all;10;100000;9;10;-10;false", publishedLines);
        Assert.Contains("coercion-target-episodes;2024;region;1081;Region Nordjylland;children;-1;20000;-1;0;-1;true", publishedLines);
    }

    [Fact]
    public async Task The_nightly_computation_is_registered_at_02_Danish_time()
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == JobsSetup.ComputeIndicatorsJobId);
        Assert.Equal("0 2 * * *", job.Cron);
        Assert.Equal("Europe/Copenhagen", job.TimeZoneId);
        Assert.Equal(typeof(ComputeIndicators), job.Job.Type);
    }
}
