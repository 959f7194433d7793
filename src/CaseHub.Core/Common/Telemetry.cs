using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CaseHub.Core.Common;

/// <summary>
/// CaseHub's own traces and metrics (jobs, deliveries, flags), exported by OpenTelemetry in the web host. Tags carry
/// ids and counts, never personal data.
/// </summary>
public static class Telemetry
{
    public const string Name = "CaseHub";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
