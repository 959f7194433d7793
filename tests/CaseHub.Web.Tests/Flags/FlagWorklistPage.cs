using CaseHub.Core.Flags;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Web.Tests.Flags;

/// <summary>What the flag tests do over and over: run the rules, and read a user's worklist as rows of text.</summary>
internal static class FlagWorklistPage
{
    public static async Task EvaluateAsync(CaseHubFactory factory)
    {
        await using var scope = factory.Scope();
        await scope.ServiceProvider.GetRequiredService<FlagEvaluator>().EvaluateAsync();
    }

    public static async Task<List<string>> RowsAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/Flags");
        return page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
    }
}
