namespace CaseHub.Web.Auth;

/// <summary>Stops start-up outside Development when a setting that sign-in depends on is missing.</summary>
public static class ProductionSettings
{
    private static readonly string[] Required = ["AzureAd:Instance", "AzureAd:TenantId", "AzureAd:ClientId"];

    public static void Validate(IConfiguration configuration)
    {
        foreach (var key in Required)
        {
            if (string.IsNullOrWhiteSpace(configuration[key]))
            {
                throw new InvalidOperationException($"Setting '{key}' is required outside Development (Entra ID sign-in).");
            }
        }

        if (AllowedTenants(configuration).Count == 0)
        {
            throw new InvalidOperationException(
                "Setting 'CaseHub:AllowedTenants' must list the Entra ID tenant ids of the regions and municipalities that may sign in.");
        }

        ValidateHttps(configuration);
    }

    /// <summary>The setting that says a proxy in front of CaseHub terminates TLS and forwards the scheme.</summary>
    public const string BehindTlsProxy = "CaseHub:Https:BehindTlsProxy";

    /// <summary>
    /// HTTPS redirection (and HSTS) silently does nothing when the app knows no HTTPS endpoint, which would leave
    /// session cookies and health data on plain HTTP. So outside Development CaseHub starts only if it listens on an
    /// https:// address, is given the HTTPS port (<c>https_port</c>), or is declared to sit behind a TLS-terminating
    /// proxy (App Service, an ingress) with <see cref="BehindTlsProxy"/>.
    /// </summary>
    public static void ValidateHttps(IConfiguration configuration)
    {
        if (configuration.GetValue(BehindTlsProxy, false) || HttpsPort(configuration) is not null)
        {
            return;
        }

        var addresses = (configuration["urls"] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? string.Empty))
            .ToList();
        if (addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw new InvalidOperationException(
            "CaseHub must not serve HTTP without HTTPS redirection outside Development, but setting 'urls' (ASPNETCORE_URLS) " +
            $"lists no https:// address ('{string.Join(";", addresses)}'), 'https_port' is not set and '{BehindTlsProxy}' is not true. " +
            $"Listen on an https:// address, set 'https_port', or set '{BehindTlsProxy}' to true when a proxy in front terminates TLS.");
    }

    /// <summary>The HTTPS port HTTPS redirection would use, from the settings it reads itself.</summary>
    public static int? HttpsPort(IConfiguration configuration) =>
        configuration.GetValue<int?>("HTTPS_PORT") ?? configuration.GetValue<int?>("ANCM_HTTPS_PORT");

    public static IReadOnlySet<string> AllowedTenants(IConfiguration configuration) =>
        configuration.GetSection("CaseHub:AllowedTenants").Get<string[]>()?
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .ToHashSet(StringComparer.OrdinalIgnoreCase)
        ?? [];
}
