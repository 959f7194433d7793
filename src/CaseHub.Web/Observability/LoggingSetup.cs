namespace CaseHub.Web.Observability;

/// <summary>
/// Logs: outside Development one JSON object per line with scopes, so every entry carries the request's TraceId and
/// SpanId (the correlation id across instances and Application Insights). Log messages carry ids, never CPR numbers
/// or names; a test scans the log output of the integration tests for both.
/// </summary>
public static class LoggingSetup
{
    public static ILoggingBuilder AddCaseHubLogging(this ILoggingBuilder logging, IWebHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            logging.ClearProviders();
            logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        // Request lines include query strings, and a FHIR search by CPR identifier puts a CPR number there. The
        // request log is therefore never written, whatever the configuration says; traces carry the timings instead.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        return logging;
    }
}
