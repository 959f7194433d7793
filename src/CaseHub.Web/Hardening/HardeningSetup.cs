using System.Globalization;
using System.Threading.RateLimiting;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace CaseHub.Web.Hardening;

/// <summary>
/// Limits that keep one client from exhausting the service: request rates on the API and the sign-in, and the size of
/// request bodies. Limits are settings (<c>CaseHub:Limits:*</c>) so a benchmark or a busy region can raise them.
/// </summary>
public static class HardeningSetup
{
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddCaseHubHardening(this IServiceCollection services, IConfiguration configuration)
    {
        var apiPerMinute = configuration.GetValue("CaseHub:Limits:ApiRequestsPerMinute", 3000);
        var signInPerMinute = configuration.GetValue("CaseHub:Limits:SignInsPerMinute", 30);
        var maxBody = configuration.GetValue("CaseHub:Limits:MaxRequestBodyBytes", 20L * 1024 * 1024);

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = maxBody);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };

            // API calls are limited per signed-in user (or per address before sign-in).
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                AuthenticationSetup.IsApiRequest(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "api:" + (context.User.FindFirst(CaseHubClaims.UserId)?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = apiPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter("pages"));

            // Sign-in attempts and token requests are limited per address.
            options.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}
