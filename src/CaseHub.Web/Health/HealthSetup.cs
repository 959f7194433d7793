using System.Text.Json;
using CaseHub.Core.Data;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseHub.Web.Health;

/// <summary>
/// Health, anonymous, as JSON: <c>/health/live</c> (the process answers: restart it if not), <c>/health/ready</c> and
/// <c>/health</c> (the database and the job server: send it traffic only if so).
/// </summary>
public static class HealthSetup
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddCaseHubHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<CaseHubDbContext>("database", tags: [ReadyTag])
            .AddCheck<JobServerHealthCheck>("jobs", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapCaseHubHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteJson, Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { ResponseWriter = WriteJson, Predicate = _ => false }).AllowAnonymous();
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }

    /// <summary>Healthy when a Hangfire server has sent a heartbeat within the last minute.</summary>
    private sealed class JobServerHealthCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var servers = storage.GetMonitoringApi().Servers();
            var alive = servers.Count(s => s.Heartbeat is { } beat && now - beat < TimeSpan.FromMinutes(1));
            return Task.FromResult(alive > 0
                ? HealthCheckResult.Healthy($"{alive} job server(s) running")
                : HealthCheckResult.Unhealthy("No job server has sent a heartbeat within a minute"));
        }
    }
}
