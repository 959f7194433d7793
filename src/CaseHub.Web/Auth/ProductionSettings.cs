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
    }

    public static IReadOnlySet<string> AllowedTenants(IConfiguration configuration) =>
        configuration.GetSection("CaseHub:AllowedTenants").Get<string[]>()?
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .ToHashSet(StringComparer.OrdinalIgnoreCase)
        ?? [];
}
