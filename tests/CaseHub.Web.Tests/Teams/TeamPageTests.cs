using System.Net;
using CaseHub.Web.Tests.Infrastructure;
using CaseHub.Web.Tests.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Teams;

/// <summary>Bad input on the team, request and house pages is refused in Danish next to the field.</summary>
public class TeamPageTests(MeetingsFactory factory) : IClassFixture<MeetingsFactory>
{
    private Task<Guid> PatientIdAsync(string cpr) => factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task An_external_member_without_role_or_contact_details_is_refused()
    {
        var jonas = await PatientIdAsync("0507921417");
        var response = await factory.ClientFor("kontakt.s3").SubmitFormAsync($"/Teams/{jonas}",
            new Dictionary<string, string?> { ["External.Name"] = "Else Nielsen" }, "#add-external");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Vælg personens rolle i teamet.", page.FieldError("External.Role"));
        Assert.Equal("Angiv telefonnummer eller e-mail.", page.FieldError("External.Phone"));
        Assert.Equal("Else Nielsen", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#External_Name")!).Value);
        Assert.False(await factory.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.Name == "Else Nielsen")));
    }

    [Fact]
    public async Task A_request_must_say_who_asked()
    {
        var jonas = await PatientIdAsync("0507921417");
        var response = await factory.ClientFor("kontakt.s3").SubmitFormAsync($"/Meetings/Request/{jonas}", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Angiv, hvem der ønsker mødet.", (await Html.ParseAsync(response)).FieldError("Input.RequestedBy"));
    }

    [Fact]
    public async Task The_house_finds_only_citizens_of_its_municipality_and_checks_the_consent_date()
    {
        var house = factory.ClientFor("hus.aalborg");
        var other = await Html.ParseAsync(await house.SubmitFormAsync("/House", new Dictionary<string, string?> { ["Cpr"] = "2311780825" }, "#cpr-search")); // lives in Hjørring
        Assert.Equal("Der er ingen borger med dette CPR-nummer i husets kommune.", other.FieldError("Cpr"));

        var mette = await PatientIdAsync("1203851236");
        var future = await house.SubmitFormAsync($"/House/Course/{mette}", new Dictionary<string, string?>
        {
            ["Consent.GivenOn"] = "2026-03-03",
            ["Consent.Scope"] = "Alt",
        }, "#consent-form");
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Equal("Samtykkedatoen kan ikke ligge i fremtiden.", (await Html.ParseAsync(future)).FieldError("Consent.GivenOn"));
        Assert.False(await factory.WithDbAsync(db => db.CrossSectorConsents.AnyAsync(c => c.PatientId == mette)));
    }
}
