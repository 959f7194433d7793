using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;
using Hangfire;
using CaseHub.Core.Flags;
using CaseHub.Core.Flags.Rules;
using Hangfire.InMemory;
using Microsoft.Extensions.Options;

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
                .UseRecommendedSerializerSettings()
                .UseFilter(new JobTelemetryFilter());
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

    /// <summary>The flag rules, their evaluator and job, with thresholds from <c>CaseHub:Flags</c>.</summary>
    public static IServiceCollection AddCaseHubFlags(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FlagSettings>(configuration.GetSection("CaseHub:Flags"));
        services.AddFlagEvaluation();
        services.AddScoped<Pages.Flags.FlagWorklist>();
        return services;
    }

    /// <summary>
    /// Registers the recurring jobs under stable ids (re-registering updates them, never duplicates them), in Danish
    /// time. Every instance does this at start-up; with SQL Server storage they share one schedule.
    /// </summary>
    public static void RegisterRecurringJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var flags = app.Services.GetRequiredService<IOptions<FlagSettings>>().Value;
        jobs.AddOrUpdate<EvaluateFlagsJob>(EvaluateFlagsJob.RecurringId, job => job.RunAsync(null), $"*/{flags.IntervalMinutes} * * * *", Danish);

        // Audit entries past the retention period go at 03:30, when nobody works.
        jobs.AddOrUpdate<Core.Audit.AuditRetentionJob>(Core.Audit.AuditRetentionJob.RecurringId, job => job.RunAsync(CancellationToken.None), "30 3 * * *", Danish);

        // Catch up at once after a start: what happened while no instance ran must not wait for the next cycle.
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<EvaluateFlagsJob>(job => job.RunAsync(null));
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
