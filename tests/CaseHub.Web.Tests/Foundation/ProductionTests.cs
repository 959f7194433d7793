using System.Net;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CaseHub.Web.Tests.Foundation;

/// <summary>The app as it runs in production: Entra ID only, no development sign-in.</summary>
public class ProductionFactory : CaseHubFactory
{
    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AzureAd:TenantId", "11111111-1111-1111-1111-111111111111");
        builder.UseSetting("AzureAd:ClientId", "22222222-2222-2222-2222-222222222222");
        builder.UseSetting("CaseHub:AllowedTenants:0", "11111111-1111-1111-1111-111111111111");

        // As on App Service: a proxy in front terminates TLS (the test client talks https://localhost).
        builder.UseSetting("CaseHub:Https:BehindTlsProxy", "true");

        // No network here: give OpenID Connect its discovery document instead of fetching it.
        builder.ConfigureServices(services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
        {
            options.Configuration = new OpenIdConnectConfiguration
            {
                Issuer = "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0",
                AuthorizationEndpoint = "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/oauth2/v2.0/authorize",
                TokenEndpoint = "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/oauth2/v2.0/token",
            };
            options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(options.Configuration);
        }));
    }
}

public class ProductionTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task The_development_sign_in_does_not_exist_outside_development()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var users = await client.GetAsync("/dev/users");
        Assert.False(users.IsSuccessStatusCode);
        Assert.DoesNotContain("kontakt.s4", await users.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await client.PostAsync("/dev/token", new StringContent("{\"username\":\"admin\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        // The sign-in page goes straight to Entra ID instead of listing demo users.
        var signIn = await client.GetAsync("/Account/SignIn");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("https://login.microsoftonline.com/", signIn.Headers.Location!.ToString(), StringComparison.Ordinal);

        var post = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent([new("username", "admin")]));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.DoesNotContain(post.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("casehub.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task No_demo_data_is_loaded_outside_development()
    {
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(db.StaffUsers.Any(u => u.IsDemo))));
    }

    [Theory]
    [InlineData("AzureAd:ClientId", "", "AzureAd:ClientId")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("CaseHub:Https:BehindTlsProxy", "false", "CaseHub:Https:BehindTlsProxy")]
    public void A_missing_or_wrong_production_setting_stops_start_up_naming_it(string key, string value, string named)
    {
        using var broken = new BrokenFactory(key, value);
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_only_address_without_a_tls_proxy_stops_start_up_naming_the_settings()
    {
        using var broken = new BrokenFactory(("CaseHub:Https:BehindTlsProxy", "false"), ("urls", "http://+:8080"));
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient()).ToString();
        Assert.Contains("'urls' (ASPNETCORE_URLS)", error, StringComparison.Ordinal);
        Assert.Contains("http://+:8080", error, StringComparison.Ordinal);
        Assert.Contains("'CaseHub:Https:BehindTlsProxy'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urls", "https://+:8443")]
    [InlineData("https_port", "8443")]
    public void An_https_endpoint_is_enough_without_a_proxy(string key, string value)
    {
        using var direct = new BrokenFactory(("CaseHub:Https:BehindTlsProxy", "false"), (key, value));
        Assert.NotNull(direct.CreateClient());
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_the_proxys_scheme_is_honoured()
    {
        // Not localhost: HSTS is never sent to localhost.
        var http = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://casehub.example") });
        var redirected = await http.GetAsync("/Account/SignIn");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://casehub.example/Account/SignIn", redirected.Headers.Location!.ToString());

        // The proxy terminated TLS and says so: no redirect loop, and HSTS is sent.
        var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        var response = await http.SendAsync(viaProxy);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://login.microsoftonline.com/", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    private sealed class BrokenFactory(params (string Key, string Value)[] settings) : ProductionFactory
    {
        public BrokenFactory(string key, string value)
            : this((key, value))
        {
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
