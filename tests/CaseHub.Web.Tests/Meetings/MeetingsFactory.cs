using AngleSharp.Html.Dom;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CaseHub.Web.Tests.Meetings;

/// <summary>
/// The app with a clock fixed at Monday 2 March 2026 09:00 Danish time, so a meeting can be planned later the same
/// day and its attendance recorded without waiting, and due dates are known.
/// </summary>
public sealed class MeetingsFactory : CaseHubFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public static DateOnly Today => new(2026, 3, 2);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Posting forms with repeated fields (checkbox lists), which the shared helper's dictionary cannot express.</summary>
internal static class FormPost
{
    public static async Task<HttpResponseMessage> PostAsync(
        this HttpClient client, string pageUrl, string handler, IEnumerable<(string Name, string Value)> fields)
    {
        var page = await client.GetPageAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", token.Value));
        var separator = pageUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return await client.PostAsync($"{pageUrl}{separator}handler={handler}", new FormUrlEncodedContent(values));
    }
}
