using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;
using Hangfire;
using Hangfire.InMemory;

namespace CaseHub.Web.Jobs;

/// <summary>
/// Hangfire: in-memory storage on the embedded SQLite default (one process), SQL Server storage in production so
/// several instances share one queue. Jobs are plain classes in Core; only this project knows Hangfire. Nothing that
/// must not be lost lives only in Hangfire: jobs work from rows in our database.
/// </summary>
public static class JobsSetup
{
    /// <summary>Options for every recurring job: Danish time, so "02:00" means 02:00 in Copenhagen all year.</summary>
    public static readonly RecurringJobOptions Danish = new() { TimeZone = DanishCalendar.TimeZone };

    public static IServiceCollection AddCaseHubJobs(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = DatabaseSetup.Provider(configuration);
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(DatabaseSetup.ConnectionString(configuration, contentRoot));
            }
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
            }
        });

        if (configuration.GetValue("CaseHub:Jobs:RunServer", true))
        {
            services.AddHangfireServer(options =>
            {
                options.ServerName = $"casehub-{Environment.MachineName}";
                options.WorkerCount = configuration.GetValue("CaseHub:Jobs:Workers", 2);
            });
        }

        return services;
    }

    /// <summary>The Hangfire dashboard at <c>/jobs</c>, for administrators only.</summary>
    public static IEndpointRouteBuilder MapCaseHubJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(
            Auth.AuthenticationSetup.AdministratorPolicy,
            "/jobs",
            new DashboardOptions { DashboardTitle = "CaseHub – baggrundsjob", DisplayStorageConnectionString = false, AppPath = "/" });
        return app;
    }

    /// <summary>The stable id of the nightly indicator computation.</summary>
    public const string ComputeIndicatorsJobId = "indicators-compute";

    /// <summary>Registers the nightly indicator computation (02:00 Danish time) at start-up.</summary>
    public static IApplicationBuilder UseIndicatorJobs(this IApplicationBuilder app)
    {
        app.ApplicationServices.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ComputeIndicators>(ComputeIndicatorsJobId, job => job.RunAsync(CancellationToken.None), "0 2 * * *", Danish);
        return app;
    }
}
