namespace CaseHub.Core.Exchange;

/// <summary>
/// <c>CaseHub:Exchange</c>: the counterparts' endpoints (keyed by organization code) and the retry policy.
/// An organization with no endpoint gets no outbox rows: its people work in this CaseHub, or nobody receives it.
/// </summary>
public sealed class ExchangeSettings
{
    public const string Section = "CaseHub:Exchange";

    /// <summary>Counterparts by organization code (municipality code, region code 1081-1085, or a ward's SOR code).</summary>
    public Dictionary<string, ExchangeEndpoint> Endpoints { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The delay after the first failed attempt; each further failure doubles it.</summary>
    public int FirstRetryDelaySeconds { get; set; } = 60;

    /// <summary>The longest delay between two attempts.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 6 * 3600;

    /// <summary>Attempts before a delivery is marked failed (with the defaults: about two days).</summary>
    public int MaxAttempts { get; set; } = 16;

    /// <summary>How long a claimed attempt may run before another server may take the row again.</summary>
    public int LeaseSeconds { get; set; } = 300;

    public int BatchSize { get; set; } = 50;

    /// <summary>How often the recurring delivery job looks for due rows.</summary>
    public int IntervalMinutes { get; set; } = 1;

    /// <summary>Also start a delivery right after a change is saved, instead of waiting for the next interval.</summary>
    public bool DeliverAfterCommit { get; set; } = true;

    /// <summary>Our own address in MedCom messages (MessageHeader.source.endpoint: where acknowledgements go).</summary>
    public string CareCommunicationSource { get; set; } = "https://casehub.dk/fhir/exchange";

    /// <summary>The wait after the given number of failed attempts: 1 min, 2, 4, ... up to the maximum.</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var seconds = FirstRetryDelaySeconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelaySeconds));
    }

    /// <summary>The first of the codes (an organization, then its parents) that has an endpoint.</summary>
    public string? EndpointKeyFor(IEnumerable<string> codes) => codes.FirstOrDefault(c => Endpoints.ContainsKey(c));

    /// <summary>The endpoint whose inbound token this is, compared in constant time.</summary>
    public string? SenderFor(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var given = System.Text.Encoding.UTF8.GetBytes(token);
        string? found = null;
        foreach (var (code, endpoint) in Endpoints)
        {
            if (!string.IsNullOrEmpty(endpoint.InboundToken)
                && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(given, System.Text.Encoding.UTF8.GetBytes(endpoint.InboundToken)))
            {
                found = code;
            }
        }

        return found;
    }
}

/// <summary>One counterpart: where to deliver, with what credentials, and the token it uses to deliver to us.</summary>
public sealed class ExchangeEndpoint
{
    /// <summary>The counterpart's FHIR base URL, e.g. <c>https://aalborg.casehub.example/fhir</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The bearer token we send (from Key Vault in production, never in appsettings.json).</summary>
    public string? Token { get; set; }

    /// <summary>The bearer token the counterpart sends to our inbound endpoint.</summary>
    public string? InboundToken { get; set; }

    /// <summary>What the receiver takes: a CaseHub (the default), or MedCom CareCommunication when it has no CaseHub.</summary>
    public ExchangeFormat Format { get; set; } = ExchangeFormat.CaseHub;

    /// <summary>The receiver's EAN location number (VANS routing), sent on the receiving Organization when given.</summary>
    public string? Ean { get; set; }
}

/// <summary>How a receiver gets our documents.</summary>
public enum ExchangeFormat
{
    /// <summary>Another CaseHub: the profiled CarePlan, posted to <c>{BaseUrl}/$exchange</c>.</summary>
    CaseHub,

    /// <summary>
    /// A system without CaseHub: a MedCom CareCommunication message Bundle (the document as a text attachment),
    /// posted to <c>{BaseUrl}/$process-message</c> of a MedCom/VANS gateway.
    /// </summary>
    CareCommunication,
}
