using CaseHub.Core.Common;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CaseHub.Web.Observability;

/// <summary>
/// OpenTelemetry traces and metrics: incoming HTTP, outgoing HTTP (deliveries to counterparts), runtime, and CaseHub's
/// own source and meter (jobs, flags, deliveries). Exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (Application Insights, Grafana, Jaeger ...); otherwise collected but not sent anywhere.
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddCaseHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("casehub", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Telemetry.Name)
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Telemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("System.Runtime")
                    // EF Core's own metrics (queries, SaveChanges, optimistic concurrency failures); there is no EF
                    // Core or Hangfire OpenTelemetry instrumentation package on our mirror, so traces of jobs are our own spans.
                    .AddMeter("Microsoft.EntityFrameworkCore");
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }
}
