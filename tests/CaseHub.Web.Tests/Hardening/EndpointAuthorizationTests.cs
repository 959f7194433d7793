using System.Net;
using CaseHub.Web.Auth;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseHub.Web.Tests.Hardening;

/// <summary>Every page and endpoint of the app requires a signed-in CaseHub user, except the few that must not.</summary>
public class EndpointAuthorizationTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    /// <summary>
    /// Sign-in, health, error pages, (Development only) /dev, and the FHIR contract: the capability statement and our
    /// published profiles, code systems and value sets, which hold no patient data.
    /// </summary>
    private static readonly string[] AnonymousAllowed =
    [
        "/Account/SignIn", "/Error", "/health", "/health/live", "/health/ready", "/dev/users", "/dev/token",
        "/fhir/metadata", "/fhir/StructureDefinition/{id}", "/fhir/CodeSystem/{id}", "/fhir/ValueSet/{id}",
    ];

    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        _ = factory.CreateClient();
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    private static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/');

    [Fact]
    public void Only_sign_in_health_and_error_pages_allow_anonymous_access()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(Route)
            .Where(r => !AnonymousAllowed.Any(a => r.Equals(a, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.Empty(anonymous);
    }

    [Fact]
    public async Task The_fallback_policy_requires_a_CaseHub_staff_user()
    {
        _ = factory.CreateClient();
        var options = factory.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
        var fallback = Assert.IsType<AuthorizationPolicy>(options.FallbackPolicy);
        Assert.Contains(fallback.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.ClaimsAuthorizationRequirement c && c.ClaimType == CaseHubClaims.UserId);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Every_page_and_endpoint_refuses_an_anonymous_request()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var probed = 0;
        foreach (var endpoint in Endpoints())
        {
            var route = Route(endpoint);
            if (AnonymousAllowed.Any(a => route.Equals(a, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Fill route parameters with a plausible value so the request reaches the endpoint.
            var path = System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", Guid.NewGuid().ToString());
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                Assert.True(
                    response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                        or HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed,
                    $"{method} {path} answered {(int)response.StatusCode} to an anonymous request");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                }

                probed++;
            }
        }

        Assert.True(probed > 5, $"only {probed} endpoints probed");
    }
}
