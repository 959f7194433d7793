using Microsoft.Playwright;
using static CaseHub.E2E.Tests.Journey;

namespace CaseHub.E2E.Tests;

/// <summary>
/// The missing-plan flag in a real browser: Jonas Nielsen (§13a stk. 1, afsnit S3) has an udskrivningsaftale that
/// Aalborg Kommune has not accepted. The ward registers his discharge, the rules run, and the flag "Udskrevet uden
/// aftale eller plan" appears on the ward's worklist and the case page; the municipality accepts the agreement, the
/// rules run again, and the flag is gone. Main actions by keyboard; every page checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FlagJourneys(BrowserFixture browser)
{
    private const string RuleName = "Udskrevet uden aftale eller plan";

    [Fact]
    public async Task A_flag_appears_when_a_target_group_patient_is_discharged_without_a_plan_and_disappears_when_the_plan_is_accepted()
    {
        var admin = await browser.SignedInAsync("admin");
        var ward = await browser.SignedInAsync("kontakt.s3");
        await RunRulesAsync(admin, "40-flagregler");
        await OpenFlagsAsync(ward);
        await Assertions.Expect(JonasFlag(ward)).ToHaveCountAsync(0);

        // 1. The ward registers the discharge from the case page.
        await MenuAsync(ward, "Mine patienter");
        await PressAsync(ward.GetByRole(AriaRole.Link, new() { Name = "Jonas Nielsen" }));
        var caseUrl = ward.Url;
        await PressAsync(ward.GetByRole(AriaRole.Link, new() { Name = "Registrér udskrivning" }));
        await Assertions.Expect(ward.Locator("h1")).ToHaveTextAsync("Registrér udskrivning");
        await BrowserFixture.CheckPageAsync(ward, "41-registrer-udskrivning");
        await ward.GetByLabel("Udskrevet dato").FillAsync(Iso(DanishNow().Date));
        await PressAsync(ward.GetByRole(AriaRole.Button, new() { Name = "Registrér udskrivning" }));
        Assert.Equal(caseUrl, ward.Url);
        await Assertions.Expect(ward.Locator("#admission-heading + p.empty")).ToHaveTextAsync("Borgeren er ikke indlagt.");

        // 2. The rules run; the flag is on the ward's worklist and on the case page.
        await RunRulesAsync(admin, null);
        await OpenFlagsAsync(ward);
        await Assertions.Expect(JonasFlag(ward)).ToHaveCountAsync(1);
        await Assertions.Expect(JonasFlag(ward)).ToContainTextAsync("uden godkendt udskrivningsaftale eller koordinationsplan");
        await BrowserFixture.CheckPageAsync(ward, "42-flag-udskrevet-uden-plan");
        await ward.GotoAsync(caseUrl);
        await Assertions.Expect(ward.Locator(".flag-list")).ToContainTextAsync(RuleName);
        await BrowserFixture.CheckPageAsync(ward, "43-sagsside-med-flag");

        // 3. Aalborg Kommune accepts the agreement from Indbakke.
        var municipality = await browser.SignedInAsync("sag.aalborg");
        await MenuAsync(municipality, "Indbakke");
        await PressAsync(municipality.Locator("section[aria-labelledby='waiting-heading']").GetByRole(AriaRole.Link, new() { Name = "Jonas Nielsen" }));
        await PressAsync(municipality.GetByRole(AriaRole.Button, new() { Name = "Acceptér" }));
        // Jonas is discharged already, so the accepted agreement is in force at once.
        await Assertions.Expect(municipality.Locator(".page-head .doc-status")).ToHaveTextAsync("Aktiv");
        await BrowserFixture.CheckPageAsync(municipality, "44-kommunen-accepterer-efter-udskrivning");

        // 4. The rules run again; the flag has resolved itself, on the worklist and on the case page.
        await RunRulesAsync(admin, null);
        await OpenFlagsAsync(ward);
        await Assertions.Expect(JonasFlag(ward)).ToHaveCountAsync(0);
        await BrowserFixture.CheckPageAsync(ward, "45-flag-loest");
        await ward.GotoAsync(caseUrl);
        await Assertions.Expect(ward.Locator("section[aria-labelledby='flags-heading']")).Not.ToContainTextAsync(RuleName);
    }

    private static ILocator JonasFlag(IPage page) =>
        page.Locator(".flag-table tbody tr").Filter(new() { HasText = "Jonas Nielsen" }).Filter(new() { HasText = RuleName });

    /// <summary>The Flag worklist from the main menu (its link also says how many flags are open).</summary>
    private static Task OpenFlagsAsync(IPage page) =>
        PressAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Flag") }));

    /// <summary>The administrator runs every rule now instead of waiting for the recurring job.</summary>
    private static async Task RunRulesAsync(IPage admin, string? screenshot)
    {
        await MenuAsync(admin, "Flagregler");
        await PressAsync(admin.GetByRole(AriaRole.Button, new() { Name = "Kør alle regler nu" }));
        await Assertions.Expect(admin.Locator(".notice[role=status]")).ToContainTextAsync("Kørt:");
        if (screenshot is not null)
        {
            await BrowserFixture.CheckPageAsync(admin, screenshot);
        }
    }
}
