using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CaseHub.Web.Tests.Infrastructure;

/// <summary>Reads pages and posts their forms the way a browser would, antiforgery token included.</summary>
public static class Html
{
    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} gave {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>GETs the page, fills the form's fields (keeping the ones not given) and submits it.</summary>
    /// <param name="client">The signed-in client.</param>
    /// <param name="url">The page with the form.</param>
    /// <param name="fields">Field name to value.</param>
    /// <param name="formSelector">Which form, when the page has several.</param>
    /// <param name="handler">The page handler, for <c>?handler=</c>.</param>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string url, IDictionary<string, string?> fields, string formSelector = "main form[method=post]", string? handler = null)
    {
        var page = await client.GetPageAsync(url);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}");
        var values = new Dictionary<string, string?>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    values[input.Name] = input.Value;
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name] = area.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values[select.Name] = select.Value;
                    break;
            }
        }

        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        if (handler is not null)
        {
            action += (action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!))));
    }

    /// <summary>The error text shown next to a field (the span that asp-validation-for renders).</summary>
    public static string? FieldError(this IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim();
}
