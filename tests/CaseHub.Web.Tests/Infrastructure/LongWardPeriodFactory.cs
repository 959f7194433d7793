using Microsoft.AspNetCore.Hosting;

namespace CaseHub.Web.Tests.Infrastructure;

/// <summary>
/// The app with the ward keeping access for a year after discharge, for tests written around the demo's earlier
/// discharges from a ward (Henrik 40 days ago from S4, Lars 200 days ago from S3) whose subject is not the ward's
/// access period (docs/access.md; that period is tested in CaseHub.Core.Tests WardAccessPeriodTests).
/// </summary>
public sealed class LongWardPeriodFactory : CaseHubFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("CaseHub:Access:WardAccessDaysAfterDischarge", "365");
    }
}
