using System.Diagnostics;
using System.Diagnostics.Metrics;
using CaseHub.Core.Common;
using Hangfire.Server;

namespace CaseHub.Web.Jobs;

/// <summary>A trace span and a duration metric for every background job, tagged with the job's name and outcome.</summary>
public sealed class JobTelemetryFilter : IServerFilter
{
    private const string ActivityKey = "casehub.activity";
    private static readonly Histogram<double> Duration = Telemetry.Meter.CreateHistogram<double>("casehub.jobs.duration", "s", "Background job duration");

    public void OnPerforming(PerformingContext context)
    {
        var name = $"{context.BackgroundJob.Job.Type.Name}.{context.BackgroundJob.Job.Method.Name}";
        var activity = Telemetry.Source.StartActivity($"job {name}", ActivityKind.Internal);
        activity?.SetTag("casehub.job", name);
        activity?.SetTag("casehub.job.id", context.BackgroundJob.Id);
        context.Items[ActivityKey] = new JobRun(activity, Stopwatch.GetTimestamp(), name);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(ActivityKey, out var value) && value is JobRun run)
        {
            var failed = context.Exception is not null;
            run.Activity?.SetStatus(failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
            run.Activity?.Dispose();
            Duration.Record(Stopwatch.GetElapsedTime(run.Started).TotalSeconds, new("job", run.Name), new("outcome", failed ? "failed" : "succeeded"));
        }
    }

    private sealed record JobRun(Activity? Activity, long Started, string Name);
}
