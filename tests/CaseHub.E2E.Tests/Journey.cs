using System.Globalization;
using Microsoft.Playwright;

namespace CaseHub.E2E.Tests;

/// <summary>What the journeys do the same way: keyboard presses, dates as the inputs take them, Danish time.</summary>
public static class Journey
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>Now as a Danish wall clock shows it (the app plans and validates in Danish time).</summary>
    public static DateTime DanishNow() => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Copenhagen);

    /// <summary>A date as a date input takes it from Playwright (always ISO, whatever the display format).</summary>
    public static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as the app shows it (dd-MM-yyyy).</summary>
    public static string Shown(DateTime day) => day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>Focuses a control and presses Enter, as a keyboard user would after tabbing to it; waits for the next page.</summary>
    public static async Task PressAsync(ILocator control)
    {
        await control.FocusAsync();
        await Assertions.Expect(control).ToBeFocusedAsync();
        var page = control.Page;
        await control.PressAsync("Enter"); // Playwright waits for the navigation it starts
        try
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        catch (TimeoutException e) when (AppServer.Running is { } app)
        {
            // A page that never finishes loading is rare and hard to reproduce: keep what the app logged meanwhile.
            throw new TimeoutException($"{e.Message}\nPage: {page.Url}\nThe app's last log lines:\n{app.RecentOutput()}", e);
        }
    }

    /// <summary>Follows a main-menu link with the keyboard.</summary>
    public static Task MenuAsync(IPage page, string name) =>
        PressAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }));
}
