using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;
using CaseHub.Web.Access;
using CaseHub.Web.Auth;
using CaseHub.Web.Exchange;
using CaseHub.Web.Hardening;
using CaseHub.Web.Fhir;
using CaseHub.Web.Health;
using CaseHub.Web.Jobs;
using CaseHub.Web.Localization;
using CaseHub.Web.Observability;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace CaseHub.Web;

/// <summary>The composition root, as a short list of what CaseHub is made of.</summary>
public static class CaseHubApp
{
    public static IServiceCollection AddCaseHub(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddCaseHubDatabase(configuration, environment.ContentRootPath);
        services.AddCaseHubAuthentication(configuration, environment);
        services.AddCaseHubJobs(configuration, environment.ContentRootPath);
        services.AddCaseHubHealthChecks();
        services.AddCaseHubHardening(configuration);
        services.AddCaseHubTlsProxy(configuration);
        services.AddCaseHubTelemetry(configuration);
        services.AddCaseHubFeatures(configuration);
        services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/Account/SignIn").AllowAnonymousToPage("/Error");
            options.Conventions.AddPageApplicationModelConvention("/Account/SignIn", model =>
                model.EndpointMetadata.Add(new EnableRateLimitingAttribute(HardeningSetup.SignInPolicy)));
        });
        return services;
    }

    /// <summary>The feature services: access, audit and each feature's use cases.</summary>
    private static IServiceCollection AddCaseHubFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CurrentUserAccessor>();
        services.AddScoped<IAuditSource>(sp => sp.GetRequiredService<CurrentUserAccessor>());
        services.AddScoped<AuditLog>();
        services.AddScoped<PatientAccessPolicy>();
        services.AddScoped<PatientGuard>();
        services.AddScoped<AdmitPatient>();
        services.AddScoped<CareDocuments>();
        services.AddScoped<CaseHub.Web.Pages.Agreements.DocumentAccess>();
        services.AddCaseHubFlags(configuration);
        services.AddScoped<Core.Teams.TeamService>();
        services.AddScoped<Core.Consents.HouseCourseService>();
        services.AddScoped<Core.Meetings.MeetingService>();
        services.AddScoped<Core.FollowUps.FollowUpService>();
        services.AddScoped<Core.Flags.FlagDismissal>();
        services.AddCaseHubFhir();
        services.AddScoped<IndicatorImport>();
        services.AddScoped<ComputeIndicators>();
        services.AddScoped<IndicatorExport>();
        services.Configure<AuditRetentionSettings>(configuration.GetSection("CaseHub:Audit"));
        services.AddScoped<AuditRetentionJob>();
        services.Configure<AccessSettings>(configuration.GetSection("CaseHub:Access"));
        services.AddScoped<EmergencyAccessService>();
        services.AddCaseHubExchange(configuration);
        return services;
    }

    /// <summary>Migrates the database and loads reference data, and demo data in Development unless switched off.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseHubDbContext>();
        var withDemo = app.Environment.IsDevelopment() && app.Configuration.GetValue("CaseHub:DemoData", true);
        await DatabaseInitializer.InitializeAsync(db, app.Services.GetRequiredService<TimeProvider>(), withDemo, app.Lifetime.ApplicationStopping);
    }

    public static WebApplication UseCaseHub(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseTlsProxyHeaders();
            app.UseExceptionHandler("/Error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseSecurityHeaders();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(DanishCulture.Instance),
            SupportedCultures = [DanishCulture.Instance],
            SupportedUICultures = [DanishCulture.Instance],
            RequestCultureProviders = [],
        });
        app.UseStaticFiles();
        app.UseDeferredAudit();
        app.UseFhirOutcomes();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapRazorPages();
        app.MapCaseHubHealth();
        app.MapCaseHubJobsDashboard();
        app.RegisterRecurringJobs();
        app.MapCaseHubFhir();
        app.UseIndicatorJobs();
        app.UseCaseHubExchange();
        if (app.Environment.IsDevelopment())
        {
            app.MapDevSignIn();
        }

        return app;
    }

    private static void UseSecurityHeaders(this WebApplication app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";

            // The Hangfire dashboard ships its own inline scripts; everything of ours runs without inline code.
            if (!context.Request.Path.StartsWithSegments("/jobs"))
            {
                headers.ContentSecurityPolicy =
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
                    "connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";
            }

            return Task.CompletedTask;
        });
        await next();
    });
}
