using CaseHub.Core.Audit;
using CaseHub.Web.Jobs;
using CaseHub.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseHub.Web.Tests.Audit;

/// <summary>The app with a retention of 7 years, to see the setting reach the job.</summary>
public sealed class RetentionFactory : CaseHubFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("CaseHub:Audit:RetentionYears", "7");
    }
}

/// <summary>
/// The audit retention job is scheduled nightly and reads its setting; what it deletes is tested against SQLite in
/// CaseHub.Core.Tests (Hangfire's in-memory storage is shared by every test host, so the job is not run through it).
/// </summary>
public class AuditRetentionScheduleTests(RetentionFactory factory) : IClassFixture<RetentionFactory>
{
    [Fact]
    public void The_retention_job_is_registered_nightly_in_danish_time()
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == AuditRetentionJob.RecurringId);
        Assert.Equal("30 3 * * *", job.Cron);
        Assert.Equal("Europe/Copenhagen", job.TimeZoneId);
        Assert.Equal(typeof(AuditRetentionJob), job.Job.Type);
        Assert.Equal(JobsSetup.Danish.TimeZone.Id, job.TimeZoneId);
    }

    [Fact]
    public async Task The_job_resolves_with_the_configured_retention_and_deletes_only_older_entries()
    {
        await using var scope = factory.Scope();
        Assert.Equal(7, scope.ServiceProvider.GetRequiredService<IOptions<AuditRetentionSettings>>().Value.RetentionYears);

        var db = scope.ServiceProvider.GetRequiredService<Core.Data.CaseHubDbContext>();
        var now = DateTime.UtcNow;
        db.AuditEntries.AddRange(
            new AuditEntry { At = now.AddYears(-8), Username = "retention-test", UserDisplayName = "T", Action = "read", DataKind = "Case", Rule = "test" },
            new AuditEntry { At = now.AddYears(-6), Username = "retention-test", UserDisplayName = "T", Action = "read", DataKind = "Case", Rule = "test" });
        await db.SaveChangesAsync();

        await scope.ServiceProvider.GetRequiredService<AuditRetentionJob>().RunAsync();

        var left = await factory.WithDbAsync(d => Task.FromResult(d.AuditEntries.Where(e => e.Username == "retention-test").Select(e => e.At).ToList()));
        var at = Assert.Single(left);
        Assert.True(at > now.AddYears(-7));
    }
}
