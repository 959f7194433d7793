using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CaseHub.E2E.Tests;

/// <summary>
/// One app process and one headless Debian chromium for all journeys. Without chromium the journeys are skipped with
/// a message saying how to install it; they never pass silently.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public AppServer? App { get; private set; }

    public IBrowser? Browser { get; private set; }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        App = await AppServer.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The browser's own UI language decides how <input type=date> and type=time show values (22.11.2026 and
            // 17.47 in Danish, not 11/22/2026 and 05:47 PM). On Linux chromium takes it from LANGUAGE/LANG, not from
            // the context's Locale, and needs Debian's chromium-l10n (installed by .ci/run next to chromium).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=da"],
            Env = DanishEnvironment(),
        });
    }

    /// <summary>This process's environment (a launch Env replaces it) with Danish as the browser's language.</summary>
    private static Dictionary<string, string> DanishEnvironment()
    {
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
        env["LANGUAGE"] = "da";
        env["LANG"] = "da_DK.UTF-8";
        env.Remove("LC_ALL");
        return env;
    }

    /// <summary>A fresh browser context (own cookies) signed in as a demo user, or skips when chromium is missing.</summary>
    public async Task<IPage> SignedInAsync(string username)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(App!.BaseUrl + "/Account/SignIn");
        await page.Locator($"form:has(input[value='{username}']) button").ClickAsync();
        await page.WaitForURLAsync(App.BaseUrl + "/");
        return page;
    }

    public async Task<IPage> NewPageAsync()
    {
        Assert.SkipWhen(Browser is null, $"Browser journeys need Debian's chromium at {ChromiumPath}: apt-get install chromium chromium-l10n");
        var context = await Browser!.NewContextAsync(new() { Locale = "da-DK", TimezoneId = "Europe/Copenhagen", ViewportSize = new() { Width = 1280, Height = 900 } });

        // CI runs the test projects side by side on two cores: give a slow page time before calling it broken.
        context.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot for people to look at and fails on serious or critical accessibility violations.</summary>
    public static async Task CheckPageAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe really ran on the page
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
