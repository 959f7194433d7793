using CaseHub.Web.Tests.Infrastructure;

namespace CaseHub.Web.Tests.Polish;

/// <summary>An empty list tells the user what happens next or what to do, not only that there is nothing.</summary>
public class EmptyStateTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private async Task<List<string>> EmptyTextsAsync(string username, string url)
    {
        var page = await factory.ClientFor(username).GetPageAsync(url);
        return page.QuerySelectorAll("p.empty").Select(p => string.Join(' ', p.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    [Fact]
    public async Task Kommende_moeder_says_how_a_meeting_starts_when_there_is_none()
    {
        // The Aarhus ward has no team and no meetings in the demo data.
        var texts = await EmptyTextsAsync("kontakt.aarhus", "/Meetings");
        Assert.Contains(texts, t => t.StartsWith("Du har ingen planlagte møder.", StringComparison.Ordinal) && t.Contains("\"Anmod om netværksmøde\"", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Ingen anmodninger venter.", StringComparison.Ordinal) && t.Contains("planlægge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mine_opgaver_says_where_tasks_come_from_when_there_is_none()
    {
        var texts = await EmptyTextsAsync("kontakt.aarhus", "/FollowUps");
        Assert.Contains(texts, t => t.StartsWith("Du har ingen åbne opgaver.", StringComparison.Ordinal) && t.Contains("netværksmøde", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Indbakke_says_what_arrives_there_when_nothing_waits()
    {
        // Hjørring has an accepted plan (Susanne Mikkelsen) but nothing waiting.
        var texts = await EmptyTextsAsync("sag.hjoerring", "/Agreements/Inbox");
        var waiting = Assert.Single(texts);
        Assert.StartsWith("Der er ingen dokumenter, der venter på kommunen.", waiting, StringComparison.Ordinal);
        Assert.Contains("Når et afsnit sender", waiting, StringComparison.Ordinal);
    }
}
