using System.Net;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Access;

/// <summary>The house's CPR lookup is a POST, so CPR numbers never end up in URLs, browser history or request logs.</summary>
public class HouseLookupTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    [Fact]
    public async Task The_lookup_form_posts_and_a_cpr_in_the_query_string_is_ignored()
    {
        var house = factory.ClientFor("hus.aalborg");
        var page = await house.GetPageAsync("/House");
        Assert.Equal("post", page.QuerySelector("#cpr-search")!.GetAttribute("method"));

        // The old GET form's URL no longer looks anyone up: no redirect, and the number is not echoed back.
        var old = await house.GetAsync("/House?Cpr=0507921417");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.DoesNotContain("0507921417", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_cpr_finds_the_citizen_and_the_redirect_carries_no_cpr()
    {
        var jonas = await factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == "0507921417").Select(p => p.Id).SingleAsync());
        var found = await factory.ClientFor("hus.aalborg").SubmitFormAsync("/House", new Dictionary<string, string?> { ["Cpr"] = "050792-1417" }, "#cpr-search");

        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/House/Course/{jonas}", found.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_malformed_cpr_gets_a_danish_error_next_to_the_field()
    {
        var response = await factory.ClientFor("hus.aalborg").SubmitFormAsync("/House", new Dictionary<string, string?> { ["Cpr"] = "12345" }, "#cpr-search");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await Html.ParseAsync(response)).FieldError("Cpr");
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Contains("CPR", error, StringComparison.OrdinalIgnoreCase);
    }
}
