using CaseHub.Fhir.Conformance;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Fhir;

/// <summary>
/// One resource type served at /fhir/{type}. Adding a type (CarePlan, CareTeam, Task...) means a mapper and profile in
/// CaseHub.Fhir and one handler here, registered in <see cref="FhirApi.AddCaseHubFhir"/>; routing, formats, body
/// limits, profile validation, versions, ETags and the CapabilityStatement come from the shared machinery.
/// </summary>
public interface IFhirResourceHandler
{
    FhirResourceDefinition Definition { get; }

    /// <summary>The current resource stamped with its version, after the access check (which is audited).</summary>
    Task<FhirResponse> ReadAsync(string id, CancellationToken ct);

    /// <summary>Only what the caller may see.</summary>
    Task<FhirSearchResult> SearchAsync(FhirSearch search, CancellationToken ct);

    /// <summary>Creates from a resource that has parsed and conforms to the profile.</summary>
    Task<FhirResponse> CreateAsync(Resource resource, CancellationToken ct);

    /// <summary>Updates from a resource that has parsed and conforms; <paramref name="ifMatch"/> is the expected version.</summary>
    Task<FhirResponse> UpdateAsync(string id, Resource resource, int? ifMatch, CancellationToken ct);
}

/// <summary>Defaults for read-only types and the search-parameter check every handler shares.</summary>
public abstract class FhirResourceHandler : IFhirResourceHandler
{
    public abstract FhirResourceDefinition Definition { get; }

    public abstract Task<FhirResponse> ReadAsync(string id, CancellationToken ct);

    public async Task<FhirSearchResult> SearchAsync(FhirSearch search, CancellationToken ct)
    {
        var unknown = search.Parameters.Select(p => p.Key).Where(k => Definition.SearchParams.All(s => s.Name != k)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            return FhirSearchResult.Fail(FhirResponse.Error(StatusCodes.Status400BadRequest, Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported, Definition.Type,
                $"Søgeparameteren {string.Join(", ", unknown)} understøttes ikke for {Definition.Type}; understøttet: {string.Join(", ", Definition.SearchParams.Select(s => s.Name).Append("_count"))}."));
        }

        return await SearchSupportedAsync(search, ct);
    }

    protected abstract Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct);

    public virtual Task<FhirResponse> CreateAsync(Resource resource, CancellationToken ct) =>
        Task.FromResult(FhirResponse.NotSupported(Definition.Type, "create"));

    public virtual Task<FhirResponse> UpdateAsync(string id, Resource resource, int? ifMatch, CancellationToken ct) =>
        Task.FromResult(FhirResponse.NotSupported(Definition.Type, "update"));

    /// <summary>The ids in an <c>_id</c> parameter (comma separated); ids that are not ours match nothing.</summary>
    protected static List<Guid> Ids(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).ToList();

    /// <summary>The id in a reference parameter: <c>Type/id</c> or just <c>id</c>.</summary>
    protected static Guid ReferenceId(string value, string type)
    {
        var text = value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
        return Guid.TryParse(text, out var id) ? id : Guid.Empty;
    }

    /// <summary>
    /// A date parameter: prefix (eq, ge, gt, le, lt; eq when none) and the UTC range [low, high) the value stands
    /// for: a whole Danish day for a date, one second for a dateTime. Null when unreadable.
    /// </summary>
    protected static (string Prefix, DateTime Low, DateTime High)? DateParameter(string value)
    {
        var prefix = value.Length > 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]) ? value[..2] : "eq";
        var text = value.Length > 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]) ? value[2..] : value;
        if (prefix is not ("eq" or "ge" or "gt" or "le" or "lt"))
        {
            return null;
        }

        if (CaseHub.Fhir.Common.FhirTime.ParseDate(text) is { } day)
        {
            return (prefix, Core.Calendar.DanishCalendar.ToUtc(day.ToDateTime(TimeOnly.MinValue)), Core.Calendar.DanishCalendar.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        }

        return text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant)
            ? (prefix, instant.UtcDateTime, instant.UtcDateTime.AddSeconds(1))
            : null;
    }

    /// <summary>A token parameter: <c>system|value</c>, <c>|value</c> or <c>value</c>.</summary>
    protected static (string? System, string Value) Token(string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (null, value) : (bar == 0 ? null : value[..bar], value[(bar + 1)..]);
    }
}
