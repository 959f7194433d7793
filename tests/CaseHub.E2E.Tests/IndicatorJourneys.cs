using System.Text;
using Microsoft.Playwright;
using static CaseHub.E2E.Tests.Journey;

namespace CaseHub.E2E.Tests;

/// <summary>
/// The analyst's round in a real browser: upload the three extracts (one with a bad row first, which is rejected with
/// its line number), compute, see the dashboard and download the published CSV, whose figures follow the publication
/// rules. The files are small and made here, so their totals are known.
/// </summary>
[Collection(BrowserCollection.Name)]
public class IndicatorJourneys(BrowserFixture browser)
{
    // Aalborg (0851, Region Nordjylland 1081): 60,000 citizens in the 2nd quarter of 2024.
    private const string Population =
        "year;quarter;municipality_code;age;count\n2024;2;851;10;10000\n2024;2;851;30;20000\n2024;2;851;50;30000\n2024;1;851;30;19000\n";

    // Seven belt restraints on three adults and two physical holdings on one of them: 9 target episodes, 3 persons.
    private const string Register =
        "measure_id;person_key;birth_date;municipality_code;region_code;ward_sor;type;start;end\n" +
        "e2e-1;P1;1990-01-01;851;1081;S4;baeltefiksering;2024-02-01T10:00;2024-02-01T14:00\n" +
        "e2e-2;P1;1990-01-01;851;1081;S4;baeltefiksering;2024-03-01T10:00;2024-03-01T12:00\n" +
        "e2e-3;P1;1990-01-01;851;1081;S4;baeltefiksering;2024-04-01T10:00;2024-04-01T11:00\n" +
        "e2e-4;P2;1985-06-15;0851;DK-81;S3;baeltefiksering;2024-05-01T22:00;2024-05-02T06:00\n" +
        "e2e-5;P2;1985-06-15;0851;DK-81;S3;baeltefiksering;2024-09-10T08:00;2024-09-10T09:30\n" +
        "e2e-6;P3;1970-12-24;851;1081;S3;baeltefiksering;2024-10-05T13:00;2024-10-05T15:00\n" +
        "e2e-7;P3;1970-12-24;851;1081;S3;baeltefiksering;2024-11-05T13:00;2024-11-05T16:00\n" +
        "e2e-8;P3;1970-12-24;851;1081;S3;fastholdelse;2024-11-06T09:00;\n" +
        "e2e-9;P3;1970-12-24;851;1081;S3;fastholdelse;2024-12-01T09:00;\n";

    private const string Admissions =
        "admission_id;person_key;birth_date;municipality_code;region_code;ward_sor;start;end;legal_basis\n" +
        "a-1;P1;1990-01-01;851;1081;S4;2024-01-30T12:00;2024-04-10T10:00;tvangsindlaeggelse\n" +
        "a-2;P2;1985-06-15;851;1081;S3;2024-04-30T12:00;2024-09-20T10:00;frivillig\n" +
        "a-3;P3;1970-12-24;851;1081;S3;2024-10-01T12:00;2024-12-10T10:00;tvangstilbageholdelse\n" +
        "a-4;P4;1999-03-03;851;1081;S3;2024-06-01T12:00;2024-06-10T10:00;frivillig\n";

    [Fact]
    public async Task An_analyst_imports_the_extracts_computes_and_downloads_the_published_CSV()
    {
        var analyst = await browser.SignedInAsync("analytiker");
        await MenuAsync(analyst, "Indikatorer");
        await BrowserFixture.CheckPageAsync(analyst, "50-indikatorer-foer-import");
        await PressAsync(analyst.GetByRole(AriaRole.Link, new() { Name = "Importér data og beregn" }));
        await BrowserFixture.CheckPageAsync(analyst, "51-import");

        // A file with a bad row is rejected as a whole, and the row is named.
        await UploadAsync(analyst, "Register", "tvang-fejl.csv", Register.Replace(";fastholdelse;2024-12-01", ";fiksering;2024-12-01", StringComparison.Ordinal));
        await Assertions.Expect(analyst.Locator("#import-result")).ToContainTextAsync("tvang-fejl.csv blev ikke importeret");
        await Assertions.Expect(analyst.Locator(".import-errors")).ToContainTextAsync("Linje 10: type 'fiksering' er ukendt");
        await BrowserFixture.CheckPageAsync(analyst, "52-import-med-fejl");

        await UploadAsync(analyst, "Population", "befolkning.csv", Population);
        await Assertions.Expect(analyst.Locator("#import-result")).ToContainTextAsync("Befolkningstal er importeret");
        await UploadAsync(analyst, "Register", "tvang.csv", Register);
        await Assertions.Expect(analyst.Locator("#import-result")).ToContainTextAsync("9 rækker");
        await UploadAsync(analyst, "Admissions", "indlaeggelser.csv", Admissions);
        await Assertions.Expect(analyst.Locator("#import-result")).ToContainTextAsync("Indlæggelsesudtræk er importeret");

        // While the computation runs, the page says so and the buttons are locked. To look at that state, the first
        // press is kept from leaving the page: a listener added after the page's own cancels the submission.
        await analyst.EvaluateAsync("document.getElementById('compute').addEventListener('submit', e => e.preventDefault())");
        var compute = analyst.Locator("#compute").GetByRole(AriaRole.Button, new() { Name = "Beregn" });
        await compute.FocusAsync();
        await compute.PressAsync("Enter");
        await Assertions.Expect(analyst.Locator("#busy-status")).ToBeVisibleAsync();
        await Assertions.Expect(analyst.Locator("#busy-status")).ToContainTextAsync("Beregner indikatorerne");
        await Assertions.Expect(compute).ToBeDisabledAsync();
        await Assertions.Expect(analyst.Locator("#import-population button")).ToBeDisabledAsync();
        await BrowserFixture.CheckPageAsync(analyst, "53-beregner");

        await analyst.GotoAsync(browser.App!.BaseUrl + "/Indicators/Import"); // a plain reload would post the last file again
        await Assertions.Expect(analyst.Locator("#busy-status")).ToBeHiddenAsync();
        await PressAsync(analyst.Locator("#compute").GetByRole(AriaRole.Button, new() { Name = "Beregn" }));
        await Assertions.Expect(analyst.Locator("#compute-result")).ToContainTextAsync("Indikatorerne er beregnet for 2024");
        await BrowserFixture.CheckPageAsync(analyst, "54-beregnet");

        // The dashboard shows the year: 9 episodes per 60,000 citizens = 15 per 100,000.
        await PressAsync(analyst.GetByRole(AriaRole.Link, new() { Name = "Se indikatorerne" }));
        await Assertions.Expect(analyst.Locator("section[aria-labelledby='target-heading'] tbody")).ToContainTextAsync("15");
        await Assertions.Expect(analyst.Locator("#chart-operational-shares-title")).ToContainTextAsync("Andele i procent, Region Nordjylland");
        await BrowserFixture.CheckPageAsync(analyst, "55-dashboard");

        // The published CSV: counts rounded to 5, counts of 1-4 and all derived from them shown as -1.
        var download = await analyst.RunAndWaitForDownloadAsync(() =>
            PressAsync(analyst.GetByRole(AriaRole.Link, new() { Name = "Hent CSV til offentliggørelse" })));
        Assert.Equal("indikatorer-offentliggoerelse.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!, Encoding.UTF8)).ToList();
        Assert.Equal("indicator;period;area_type;area_code;area_name;age_group;numerator;denominator;value;baseline_value;change_pct;suppressed", lines[0]);

        var episodes = Cell(lines, "coercion-target-episodes", "nation", "DK");
        Assert.Equal("10", episodes[6]); // 9 rounded to the nearest 5
        Assert.Equal("60000", episodes[7]);
        Assert.Equal("15", episodes[8]); // from the exact 9
        Assert.Equal("false", episodes[11]);

        var persons = Cell(lines, "coercion-target-persons", "nation", "DK");
        Assert.Equal("-1", persons[6]); // 3 persons: 1-4
        Assert.Equal("-1", persons[8]);
        Assert.Equal("true", persons[11]);

        var holding = Cell(lines, "physical-holding-episodes", "municipality", "0851");
        Assert.Equal("-1", holding[6]);
        Assert.Equal("Aalborg Kommune", holding[4]);
    }

    private static async Task UploadAsync(IPage page, string kind, string name, string content)
    {
        var form = page.Locator($"#import-{kind.ToLowerInvariant()}");
        await form.GetByLabel("CSV-fil").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(content) });
        await PressAsync(form.GetByRole(AriaRole.Button, new() { Name = "Importér" }));
    }

    /// <summary>The 2024 row for all ages of one indicator and area, as fields.</summary>
    private static string[] Cell(List<string> lines, string indicator, string areaType, string areaCode)
    {
        var line = lines.SingleOrDefault(l => l.StartsWith($"{indicator};2024;{areaType};{areaCode};", StringComparison.Ordinal) && l.Split(';')[5] == "all");
        Assert.True(line is not null, $"No 2024 row for {indicator} {areaType} {areaCode} (all) in the published CSV");
        return line.Split(';');
    }
}
