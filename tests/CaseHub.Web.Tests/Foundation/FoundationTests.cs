using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseHub.Web.Tests.Infrastructure;

namespace CaseHub.Web.Tests.Foundation;

public class FoundationTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    [Fact]
    public async Task The_start_page_asks_an_anonymous_user_to_sign_in()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_development_sign_in_lists_a_demo_user_per_role_and_signs_in_with_a_cookie()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var page = await client.GetPageAsync("/Account/SignIn");
        Assert.Equal("Vælg testbruger", page.QuerySelector("h1")!.TextContent);
        var text = page.Body!.TextContent;
        foreach (var expected in new[] { "Kontaktperson, psykiatrien", "Sagsbehandler", "Koordinator, Psykiatriens Hus", "Analytiker", "Administrator", "Aalborg Kommune", "Hjørring Kommune", "Psykiatriens Hus Aalborg" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var signIn = await client.SubmitFormAsync("/Account/SignIn", new Dictionary<string, string?> { ["username"] = "sag.aalborg" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var home = await client.GetPageAsync("/");
        Assert.Contains("Line Munk", home.QuerySelector(".user-card")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aalborg Kommune", home.QuerySelector(".user-card")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector("nav a[href='/Patients']"));
        Assert.Null(home.QuerySelector("nav a[href='/jobs']"));
    }

    [Fact]
    public async Task Dev_users_and_dev_tokens_work_as_bearer_tokens_on_the_api()
    {
        var client = factory.CreateClient();
        var users = await client.GetFromJsonAsync<JsonElement[]>("/dev/users");
        Assert.Contains(users!, u => u.GetProperty("username").GetString() == "kontakt.s4" && u.GetProperty("role").GetString() == "PsychiatryContactPerson");

        var tokenResponse = await client.PostAsJsonAsync("/dev/token", new { username = "kontakt.s4" });
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();

        var patients = new HttpRequestMessage(HttpMethod.Get, "/Patients");
        patients.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(patients)).StatusCode);

        var forged = new HttpRequestMessage(HttpMethod.Get, "/Patients");
        forged.Headers.Authorization = new("Bearer", token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/dev/token", new { username = "nobody" })).StatusCode);
    }

    [Fact]
    public async Task Health_reports_database_and_job_server_anonymously()
    {
        var response = await factory.CreateClient().GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.True(body.GetProperty("checks").TryGetProperty("jobs", out _));
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_administrators_only()
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor("admin").GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("sag.aalborg").GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        var response = await factory.ClientFor("sag.aalborg").GetAsync("/");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Reference_data_has_five_regions_and_98_municipalities()
    {
        var (regions, municipalities) = await factory.WithDbAsync(async db => (
            db.Organizations.Count(o => o.Kind == Core.Organizations.OrganizationKind.Region),
            db.Organizations.Count(o => o.Kind == Core.Organizations.OrganizationKind.Municipality)));
        Assert.Equal(5, regions);
        Assert.Equal(98, municipalities);
    }
}
