using System.Globalization;
using Microsoft.Playwright;

namespace CaseHub.E2E.Tests;

/// <summary>
/// The udskrivningsaftale in a real browser: the ward writes and sends it, the municipality accepts it from Indbakke,
/// and the ward sees the acceptance. The main actions are made with the keyboard; every page is checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AgreementJourneys(BrowserFixture browser)
{
    private static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_ward_sends_an_udskrivningsaftale_the_municipality_accepts_it_from_Indbakke_and_the_ward_sees_it()
    {
        // 1. The ward opens Mette Kristensen's case and starts an udskrivningsaftale with the keyboard.
        var ward = await browser.SignedInAsync("kontakt.s4");
        await ward.GetByRole(AriaRole.Link, new() { Name = "Mine patienter", Exact = true }).ClickAsync();
        await ward.GetByRole(AriaRole.Link, new() { Name = "Mette Kristensen" }).ClickAsync();
        var caseUrl = ward.Url;
        await Assertions.Expect(ward.Locator("h1")).ToHaveTextAsync("Mette Kristensen");
        await BrowserFixture.CheckPageAsync(ward, "20-sagsside-foer-aftale");

        await PressAsync(ward.GetByRole(AriaRole.Button, new() { Name = "Opret udskrivningsaftale" }));
        await Assertions.Expect(ward.Locator("h1")).ToHaveTextAsync("Udskrivningsaftale: Mette Kristensen");
        await Assertions.Expect(ward.Locator(".page-head .doc-status")).ToHaveTextAsync("Kladde");
        var documentUrl = ward.Url;
        await BrowserFixture.CheckPageAsync(ward, "21-ny-udskrivningsaftale");

        // 2. Sending too early names what is missing.
        await PressAsync(ward.GetByRole(AriaRole.Button, new() { Name = "Send til Aalborg Kommune" }));
        await Assertions.Expect(ward.Locator(".error-summary")).ToContainTextAsync("Dokumentet kan ikke sendes endnu");
        await BrowserFixture.CheckPageAsync(ward, "22-send-for-tidligt");

        // 3. The required sections, each saved with its own button; consent is recorded by the ward.
        var today = DateTime.Today;
        await SaveSectionAsync(ward, "legal", async form =>
            await form.GetByLabel("Retsgrundlag").SelectOptionAsync(new SelectOptionValue { Label = "§13a stk. 2" }));
        await SaveSectionAsync(ward, "consent", async form =>
        {
            await form.GetByLabel("Samtykke givet af").FillAsync("Borgeren selv");
            await form.GetByLabel("Samtykke givet dato").FillAsync(Iso(today));
            await form.GetByLabel("Omfang").FillAsync("Aalborg Kommune, egen læge og Ambulatorium Syd");
        });
        await Assertions.Expect(ward.Locator("form[data-section='consent']")).ToContainTextAsync("Camilla Berg"); // who recorded it
        await SaveSectionAsync(ward, "treatment", form => form.GetByLabel("Ambulant enhed").FillAsync("Ambulatorium Syd"));
        await SaveSectionAsync(ward, "crisis", async form =>
        {
            await form.GetByLabel("Tidlige tegn på tilbagefald").FillAsync("Isolerer sig og sover dårligt");
            await form.GetByLabel("Hvad gør borgeren").FillAsync("Ringer til kontaktpersonen i ambulatoriet");
            await form.GetByLabel("Hvem kontaktes").FillAsync("Akutmodtagelsen, døgnåben");
        });
        await SaveSectionAsync(ward, "nonattendance", form =>
            form.GetByLabel("Hvis borgeren udebliver").FillAsync("Ambulatoriet ringer samme dag og kontakter bostøtten"));
        await SaveSectionAsync(ward, "dates", async form =>
        {
            await form.GetByLabel("Udarbejdet dato").FillAsync(Iso(today));
            await form.GetByLabel("Udskrivningsdato (planlagt)").FillAsync(Iso(today.AddDays(3)));
        });

        var participants = ward.Locator("form.doc-add-participant");
        await participants.GetByLabel("Rolle").SelectOptionAsync(new SelectOptionValue { Label = "Sagsbehandler, kommune" });
        await participants.GetByLabel("Navn").FillAsync("Line Munk");
        await participants.GetByLabel("Organisation").FillAsync("Aalborg Kommune");
        await participants.GetByLabel("Telefon eller e-mail").PressAsync("Enter");
        await Assertions.Expect(ward.Locator("table.doc-participants")).ToContainTextAsync("Line Munk");
        await BrowserFixture.CheckPageAsync(ward, "23-udfyldt-kladde");

        // 4. Sent with the keyboard.
        await PressAsync(ward.GetByRole(AriaRole.Button, new() { Name = "Send til Aalborg Kommune" }));
        await Assertions.Expect(ward.Locator(".page-head .doc-status")).ToHaveTextAsync("Sendt");
        await BrowserFixture.CheckPageAsync(ward, "24-sendt");

        // 5. The caseworker finds it in Indbakke, adds the municipality's part and accepts.
        var municipality = await browser.SignedInAsync("sag.aalborg");
        await municipality.GetByRole(AriaRole.Link, new() { Name = "Indbakke", Exact = true }).ClickAsync();
        await Assertions.Expect(municipality.Locator("h1")).ToHaveTextAsync("Indbakke");
        await BrowserFixture.CheckPageAsync(municipality, "25-indbakke");
        var waiting = municipality.Locator("section[aria-labelledby='waiting-heading']");
        await PressAsync(waiting.GetByRole(AriaRole.Link, new() { Name = "Mette Kristensen" }));
        Assert.Equal(documentUrl, municipality.Url);
        await Assertions.Expect(municipality.Locator("form[data-section='crisis']")).ToHaveCountAsync(0); // the ward's part is read-only here
        await BrowserFixture.CheckPageAsync(municipality, "26-kommunen-aabner");

        await SaveSectionAsync(municipality, "social", async form =>
        {
            await form.GetByLabel("Bolig").FillAsync("Egen lejlighed");
            await form.GetByLabel("Bostøtte").FillAsync("Bostøtte tirsdag og fredag");
        });
        await PressAsync(municipality.GetByRole(AriaRole.Button, new() { Name = "Acceptér" }));
        await Assertions.Expect(municipality.Locator(".page-head .doc-status")).ToHaveTextAsync("Accepteret");
        await BrowserFixture.CheckPageAsync(municipality, "27-accepteret-af-kommunen");

        // 6. The ward sees the acceptance on the document and on the case page.
        await ward.GotoAsync(documentUrl);
        await Assertions.Expect(ward.Locator(".page-head .doc-status")).ToHaveTextAsync("Accepteret");
        await Assertions.Expect(ward.Locator(".doc-timeline")).ToContainTextAsync("Accepteret af kommunen");
        await Assertions.Expect(ward.Locator("[data-section='social']")).ToContainTextAsync("Bostøtte tirsdag og fredag");
        await ward.GotoAsync(caseUrl);
        await Assertions.Expect(ward.Locator(".case-documents .doc-status")).ToHaveTextAsync("Accepteret");
        await Assertions.Expect(ward.Locator(".case-timeline")).ToContainTextAsync("Accepteret af kommunen");
        await BrowserFixture.CheckPageAsync(ward, "28-sagsside-accepteret");
    }

    /// <summary>Focuses a control and presses Enter, as a keyboard user would after tabbing to it; waits for the next page.</summary>
    private static async Task PressAsync(ILocator control)
    {
        await control.FocusAsync();
        await Assertions.Expect(control).ToBeFocusedAsync();
        var page = control.Page;
        await control.PressAsync("Enter"); // Playwright waits for the navigation it starts
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private static async Task SaveSectionAsync(IPage page, string section, Func<ILocator, Task> fill)
    {
        var form = page.Locator($"form[data-section='{section}']");
        await fill(form);
        await PressAsync(form.Locator("button[type=submit]"));
        await Assertions.Expect(page.Locator(".error-summary")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
    }
}
