using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CaseHub.Core.Exchange;

/// <summary>The answer of one delivery attempt: delivered, or why not and whether trying again can help.</summary>
public sealed record DeliveryAttempt(bool Delivered, bool Retry, string? Error)
{
    public static readonly DeliveryAttempt Ok = new(true, false, null);
}

/// <summary>
/// Posts one outbox row to a counterpart's <c>$exchange</c> operation, or a MedCom CareCommunication to the gateway's
/// <c>$process-message</c> (typed HttpClient, so tests and operations can swap the handler). The idempotency key goes
/// as a header; the payload carries it too (CarePlan identifier and meta.versionId; the MessageHeader id derived from
/// document, version and receiver), so a receiver that ignores headers is still idempotent.
/// </summary>
public sealed class ExchangeClient(HttpClient http)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string Operation = "$exchange";

    /// <summary>FHIR's standard operation for message Bundles, where a MedCom gateway takes CareCommunications.</summary>
    public const string MessageOperation = "$process-message";

    public async Task<DeliveryAttempt> SendAsync(ExchangeEndpoint endpoint, OutboxMessage message, CancellationToken ct)
    {
        // The row says what it carries (the endpoint's format may have changed since it was written).
        var operation = message.IsCareCommunication ? MessageOperation : Operation;
        if (string.IsNullOrWhiteSpace(endpoint.BaseUrl) || !Uri.TryCreate(endpoint.BaseUrl.TrimEnd('/') + "/" + operation, UriKind.Absolute, out var url))
        {
            return new DeliveryAttempt(false, false, "Modtagerens adresse (BaseUrl) mangler eller er ugyldig i konfigurationen.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Accept.ParseAdd("application/fhir+json");
        request.Headers.TryAddWithoutValidation(IdempotencyHeader, message.IdempotencyKey);
        if (!string.IsNullOrEmpty(endpoint.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return DeliveryAttempt.Ok;
            }

            var code = (int)response.StatusCode;
            var detail = Diagnostics(await response.Content.ReadAsStringAsync(ct));
            var error = $"HTTP {code} {response.ReasonPhrase}{(detail is null ? string.Empty : ": " + detail)}";

            // A refusal (bad or unknown content, no access) will not change by itself; an overloaded or failing
            // receiver might. Refusals go to the administrator at once.
            var retry = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return new DeliveryAttempt(false, retry, Trim(error));
        }
        catch (HttpRequestException e)
        {
            return new DeliveryAttempt(false, true, Trim($"Modtageren svarer ikke: {e.Message}"));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryAttempt(false, true, "Modtageren svarede ikke inden for tidsgrænsen.");
        }
    }

    /// <summary>The receiver's OperationOutcome messages, when it sent one.</summary>
    private static string? Diagnostics(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("issue", out var issues) && issues.ValueKind == JsonValueKind.Array)
            {
                var texts = issues.EnumerateArray()
                    .Select(i => i.TryGetProperty("diagnostics", out var d) ? d.GetString() : null)
                    .Where(t => !string.IsNullOrWhiteSpace(t));
                return string.Join(" ", texts);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status code says enough, and an HTML error page is no use on the Leverancer page.
        }

        return null;
    }

    private static string Trim(string text) => text.Length <= 1000 ? text : text[..1000];
}
