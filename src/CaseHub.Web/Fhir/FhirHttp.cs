using System.Globalization;
using System.Text;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Serialization;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.Net.Http.Headers;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>Content negotiation, request bodies and responses for /fhir.</summary>
public static class FhirHttp
{
    /// <summary>The largest request body accepted; a CaseHub resource is a few kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const string JsonMediaType = "application/fhir+json";
    public const string XmlMediaType = "application/fhir+xml";

    /// <summary>The response format from <c>_format</c>, else Accept; null when <c>_format</c> names one we do not speak.</summary>
    public static FhirFormat? ResponseFormat(HttpRequest request)
    {
        if (request.Query.TryGetValue("_format", out var format) && format.ToString() is { Length: > 0 } f)
        {
            return FormatOf(f);
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? FhirFormat.Xml
            : FhirFormat.Json;
    }

    private static FhirFormat? FormatOf(string mediaType) => mediaType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "json" or "application/json" or JsonMediaType => FhirFormat.Json,
        "xml" or "application/xml" or "text/xml" or XmlMediaType => FhirFormat.Xml,
        _ => null,
    };

    /// <summary>Reads a request body: 415 for a media type that is not FHIR JSON or XML, 413 when too large.</summary>
    public static async Task<(string? Text, FhirFormat Format, FhirResponse? Error)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var format = FormatOf(request.ContentType ?? string.Empty);
        if (format is null)
        {
            return (null, FhirFormat.Json, FhirResponse.Error(StatusCodes.Status415UnsupportedMediaType, IssueType.NotSupported, "Resource",
                $"Indholdstypen '{request.ContentType}' understøttes ikke; brug {JsonMediaType} eller {XmlMediaType}."));
        }

        var tooLarge = FhirResponse.Error(StatusCodes.Status413PayloadTooLarge, IssueType.TooLong, "Resource",
            $"Forespørgslen er for stor; højst {MaxBodyBytes / 1024} KB.");
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, format.Value, tooLarge);
        }

        // Read at most one byte more than allowed, so a body without Content-Length cannot exhaust memory.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, format.Value, tooLarge);
            }
        }

        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), format.Value, null);
    }

    /// <summary>The version in an If-Match header (<c>W/"3"</c> or <c>"3"</c>); null when absent, -1 when unreadable.</summary>
    public static int? IfMatch(HttpRequest request) => IfMatch(request.Headers.IfMatch.ToString());

    /// <summary>The version in an If-Match value (a header, or a Bundle entry's request.ifMatch).</summary>
    public static int? IfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }

    public static string ETag(int version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The API's base URL as the client sees it, for fullUrl and links.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";

    public static async Task WriteAsync(HttpContext context, FhirResponse response, FhirSerialization serialization)
    {
        var format = ResponseFormat(context.Request) ?? FhirFormat.Json;
        context.Response.StatusCode = response.Status;
        if (response.Version is { } version)
        {
            context.Response.Headers.ETag = ETag(version.VersionId);
            context.Response.Headers.LastModified = new DateTimeOffset(DateTime.SpecifyKind(version.LastUpdated, DateTimeKind.Utc)).ToString("R", CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = (format == FhirFormat.Xml ? XmlMediaType : JsonMediaType) + "; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        await context.Response.WriteAsync(serialization.Serialize(response.Body, format), context.RequestAborted);
    }

    public static Task WriteOutcomeAsync(HttpContext context, int status, IssueType code, string message, FhirSerialization serialization) =>
        WriteAsync(context, new FhirResponse(status, FhirIssue.Outcome(code, "Resource", message)), serialization);
}
