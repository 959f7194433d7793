using CaseHub.Web.Auth;
using Microsoft.AspNetCore.HttpOverrides;

namespace CaseHub.Web.Hardening;

/// <summary>
/// Behind a TLS-terminating proxy (<c>CaseHub:Https:BehindTlsProxy</c>) the request reaches CaseHub as HTTP; the
/// proxy's X-Forwarded-Proto tells whether the user's connection was HTTPS, so HTTPS redirection and HSTS act on the
/// user's scheme. Only the scheme is taken from the header: a forwarded client address could be forged by anyone and
/// would then end up in the audit trail.
/// </summary>
public static class TlsProxySetup
{
    public static IServiceCollection AddCaseHubTlsProxy(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue(ProductionSettings.BehindTlsProxy, false))
        {
            services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedProto;

                // The proxy's address is not known in advance (App Service, ingress); trusting only the scheme is safe.
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
            });

            // Users reach the proxy on the standard port; redirect plain HTTP there.
            if (ProductionSettings.HttpsPort(configuration) is null)
            {
                services.AddHttpsRedirection(options => options.HttpsPort = 443);
            }
        }

        return services;
    }

    public static WebApplication UseTlsProxyHeaders(this WebApplication app)
    {
        if (app.Configuration.GetValue(ProductionSettings.BehindTlsProxy, false))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
