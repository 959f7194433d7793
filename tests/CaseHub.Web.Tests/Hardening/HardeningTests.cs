using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Hardening;

public sealed class StrictLimitsFactory : CaseHubFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("CaseHub:Limits:SignInsPerMinute", "3");
    }
}

public partial class HardeningTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    [Fact]
    public async Task Free_text_with_script_renders_inert()
    {
        var client = factory.ClientFor("kontakt.s3");
        var response = await client.SubmitFormAsync("/Patients/Admit", new Dictionary<string, string?>
        {
            ["Input.Cpr"] = "020290-1234",
            ["Input.GivenName"] = "<script>alert('x')</script>",
            ["Input.FamilyName"] = "<img src=x onerror=alert(1)>",
            ["Input.MunicipalityCode"] = "0851",
            ["Input.AdmittedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.TargetGroupMarking"] = "Section13aStk2",
            ["Input.TargetGroupReason"] = "\"><svg onload=alert(2)>",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var html = await (await client.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forms_without_an_antiforgery_token_are_refused()
    {
        var client = factory.ClientFor("kontakt.s3");
        var response = await client.PostAsync("/Patients/Admit", new FormUrlEncodedContent([new("Input.Cpr", "0303901234")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Patients.AnyAsync(p => p.Cpr == "0303901234")));
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.SubmitFormAsync("/Account/SignIn", new Dictionary<string, string?> { ["username"] = "admin" });
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("casehub.auth", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited()
    {
        using var strict = new StrictLimitsFactory();
        var client = strict.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/dev/token", new { username = "admin" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public void No_secret_is_committed()
    {
        var root = RepositoryRoot();
        var suspicious = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (Regex.IsMatch(relative, @"(^|/)(\.git|bin|obj|node_modules|artifacts|App_Data|TestResults)(/|$)") || new FileInfo(file).Length > 2_000_000)
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (SecretPattern().IsMatch(text))
            {
                suspicious.Add(relative);
            }
        }

        Assert.Empty(suspicious);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CaseHub.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CaseHub.sln not found above the test output");
    }

    // A connection string with a password, a client secret value, or a private key. Test code names the pattern
    // without a value, so it does not match itself.
    [GeneratedRegex(@"(?i)(password|pwd)\s*=\s*[^;""'\s{$]{3,}|BEGIN (RSA |EC )?PRIVATE KEY|""ClientSecret""\s*:\s*""[^""]{8,}""|AccountKey=[A-Za-z0-9+/=]{20,}")]
    private static partial Regex SecretPattern();
}
