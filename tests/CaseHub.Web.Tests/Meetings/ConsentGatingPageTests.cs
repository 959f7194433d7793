using System.Net;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Meetings;

/// <summary>
/// Withdrawing the consent hides minutes and tasks of the other sector (its own factory: the test changes the
/// demo consent other tests rely on).
/// </summary>
public class ConsentGatingPageTests(MeetingsFactory factory) : IClassFixture<MeetingsFactory>
{
    [Fact]
    public async Task Without_consent_the_ward_no_longer_sees_the_municipalitys_minutes_and_tasks()
    {
        var peter = await factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == "2808691122").Select(p => p.Id).SingleAsync());
        var meeting = await factory.WithDbAsync(db => db.Meetings.Where(m => m.PatientId == peter && m.HostOrganizationId != null).Select(m => m.Id).SingleAsync());
        var ward = factory.ClientFor("kontakt.s4");

        var before = await ward.GetPageAsync($"/Meetings/Details/{meeting}");
        Assert.Contains("Komme i gang med at spille fodbold", before.QuerySelector("#minutes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Afklare mulighed for IPS-forløb", before.QuerySelector(".task-list")!.TextContent, StringComparison.Ordinal);

        var withdrawn = await factory.ClientFor("hus.aalborg").SubmitFormAsync($"/House/Course/{peter}",
            new Dictionary<string, string?> { ["Withdraw.WithdrawnOn"] = "2026-03-02", ["Withdraw.Reason"] = "Ønsker det ikke" }, "#withdraw-form", "Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        var after = await ward.GetPageAsync($"/Meetings/Details/{meeting}");
        var body = after.Body!.TextContent;
        Assert.DoesNotContain("Komme i gang med at spille fodbold", body, StringComparison.Ordinal);
        Assert.Contains("vises kun med borgerens samtykke", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Afklare mulighed for IPS-forløb", body, StringComparison.Ordinal);

        // The ward's own task is still shown; the case page hides the other sector's minutes and tasks too.
        Assert.Contains("Send epikrise og medicinliste", body, StringComparison.Ordinal);
        var casePage = (await ward.GetPageAsync($"/Patients/Case/{peter}")).QuerySelector("#meetings-section")!.TextContent;
        Assert.DoesNotContain("Komme i gang med at spille fodbold", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Afklare mulighed for IPS-forløb", casePage, StringComparison.Ordinal);

        // The municipality's own minutes stay visible to the municipality, and the house loses access.
        var municipal = await factory.ClientFor("sag.aalborg").GetPageAsync($"/Meetings/Details/{meeting}");
        Assert.Contains("Komme i gang med at spille fodbold", municipal.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("hus.aalborg").GetAsync($"/Meetings/Details/{meeting}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.PatientId == peter && e.Username == "kontakt.s4" && e.Rule == "no-cross-sector-consent")));
    }
}
