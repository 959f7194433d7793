using CaseHub.Core.Data;
using CaseHub.Core.Exchange;
using CaseHub.Fhir.Exchange;
using CaseHub.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CaseHub.Web.Exchange;

/// <summary>
/// Exchange between sectors: the outbox writer on every DbContext, the delivery job (recurring, and enqueued after a
/// save that wrote rows), the typed HttpClient, and the inbound <c>$exchange</c> operation. Hangfire only triggers
/// the delivery; what must be delivered lives in our database (OutboxMessages).
/// </summary>
public static class ExchangeSetup
{
    public static IServiceCollection AddCaseHubExchange(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExchangeSettings>(configuration.GetSection(ExchangeSettings.Section));
        services.AddScoped<OutboxSuppression>();
        services.AddSingleton<IExchangePayload, ExchangeCarePlan>();
        services.AddSingleton<ICareCommunicationPayload, CareCommunicationMapper>();
        services.AddScoped<IOutboxNotifier, HangfireOutboxNotifier>();
        services.AddScoped<OutboxWriter>();
        services.ConfigureDbContext<CaseHubDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<OutboxWriter>()));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ExchangePartnerAuthentication>(ExchangePartnerAuthentication.SchemeName, _ => { });
        services.AddAuthorizationBuilder().AddPolicy(ExchangePartnerAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(ExchangePartnerAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ExchangePartnerAuthentication.PartnerClaim));
        services.AddHttpClient<ExchangeClient>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<DeliverOutbox>();
        services.AddScoped<InboundDocuments>();
        services.AddScoped<HospitalNotifications>();
        return services;
    }

    /// <summary>Maps the inbound operation and registers the recurring delivery job.</summary>
    public static WebApplication UseCaseHubExchange(this WebApplication app)
    {
        app.MapExchangeInbound();
        var settings = app.Services.GetRequiredService<IOptions<ExchangeSettings>>().Value;
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<DeliverOutbox>(
            DeliverOutbox.RecurringId, job => job.RunAsync(CancellationToken.None), $"*/{Math.Clamp(settings.IntervalMinutes, 1, 59)} * * * *", JobsSetup.Danish);
        return app;
    }

    /// <summary>Starts a delivery as soon as a save wrote outbox rows (the recurring job is the safety net).</summary>
    internal sealed class HangfireOutboxNotifier(IBackgroundJobClient jobs, IOptionsMonitor<ExchangeSettings> options, ILogger<HangfireOutboxNotifier> log) : IOutboxNotifier
    {
        public void RowsWritten()
        {
            if (!options.CurrentValue.DeliverAfterCommit)
            {
                return;
            }

            // The change and its outbox rows are committed by now: if the job storage cannot take the trigger, the
            // recurring run delivers the rows, so the user's save must not fail because of it.
            try
            {
                jobs.Enqueue<DeliverOutbox>(job => job.RunAsync(CancellationToken.None));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogWarning(e, "Could not enqueue an immediate delivery; the recurring delivery job will send the new outbox rows");
            }
        }
    }
}
