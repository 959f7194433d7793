using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CaseHub.Web.Tests.Infrastructure;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>
/// One bearer-token client per demo user and factory, so a test class with many requests stays under the token
/// endpoint's per-address sign-in limit (30 a minute).
/// </summary>
internal static class FhirClients
{
    private static readonly ConditionalWeakTable<CaseHubFactory, ConcurrentDictionary<string, Lazy<Task<HttpClient>>>> Clients = [];

    public static Task<HttpClient> CachedClientAsync(this CaseHubFactory factory, string username) =>
        Clients.GetValue(factory, _ => new ConcurrentDictionary<string, Lazy<Task<HttpClient>>>(StringComparer.Ordinal))
            .GetOrAdd(username, u => new Lazy<Task<HttpClient>>(() => factory.ClientAsync(u))).Value;
}
