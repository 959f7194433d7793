using Microsoft.Playwright;

namespace CaseHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class FoundationJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task A_ward_contact_person_signs_in_and_registers_an_admission_with_the_keyboard()
    {
        var page = await browser.SignedInAsync("kontakt.s3");
        await BrowserFixture.CheckPageAsync(page, "01-forside");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mine patienter", Exact = true }).ClickAsync();
        await BrowserFixture.CheckPageAsync(page, "02-mine-patienter");

        await page.GetByRole(AriaRole.Link, new() { Name = "Registrér indlæggelse" }).ClickAsync();
        await BrowserFixture.CheckPageAsync(page, "03-registrer-indlaeggelse");

        // An invalid CPR number is shown next to its field.
        await page.GetByLabel("CPR-nummer").FillAsync("310290-1234");
        await page.GetByLabel("Fornavn(e)").FillAsync("Karen");
        await page.GetByLabel("Efternavn").FillAsync("Bisgaard");
        await page.GetByLabel("Bopælskommune").SelectOptionAsync(new SelectOptionValue { Label = "Aalborg Kommune" });
        await page.GetByLabel("Indlagt dato").FillAsync(DateTime.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Indlagt dato").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#Input_Cpr-error")).ToContainTextAsync("ikke en gyldig dato");
        await BrowserFixture.CheckPageAsync(page, "04-fejl-ved-cpr");

        // Corrected, and submitted with the keyboard only.
        await page.GetByLabel("CPR-nummer").FillAsync("010290-1234");
        await page.GetByLabel("CPR-nummer").PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Karen Bisgaard");
        await BrowserFixture.CheckPageAsync(page, "05-sagsside");
    }

    [Fact]
    public async Task A_user_without_access_gets_the_Danish_no_access_page()
    {
        var ward = await browser.SignedInAsync("kontakt.s4");
        await ward.GetByRole(AriaRole.Link, new() { Name = "Mine patienter", Exact = true }).ClickAsync();
        await ward.GetByRole(AriaRole.Link, new() { Name = "Mette Kristensen" }).ClickAsync();
        var caseUrl = ward.Url;

        var other = await browser.SignedInAsync("sag.hjoerring");
        var response = await other.GotoAsync(caseUrl);
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(other.Locator("h1")).ToHaveTextAsync("Ingen adgang");
        await BrowserFixture.CheckPageAsync(other, "06-ingen-adgang");
    }
}
