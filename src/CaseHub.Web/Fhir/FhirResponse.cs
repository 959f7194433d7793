using CaseHub.Core.Fhir;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>What a resource handler answers: a status, a resource (or OperationOutcome) and, for a resource, its version.</summary>
public sealed record FhirResponse(int Status, Resource Body, FhirResourceVersion? Version = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public static FhirResponse Ok(Resource resource, FhirResourceVersion version, int status = StatusCodes.Status200OK) => new(status, resource, version);

    public static FhirResponse Error(int status, IssueType code, string path, string message) =>
        new(status, FhirIssue.Outcome(code, path, message));

    public static FhirResponse Errors(int status, IEnumerable<FhirIssue> issues) => new(status, FhirIssue.ToOutcome(issues));

    public static FhirResponse NotFound(string type, string id) =>
        Error(StatusCodes.Status404NotFound, IssueType.NotFound, type, $"{type}/{id} findes ikke.");

    public static FhirResponse Forbidden(string type, string id) =>
        Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, type, $"Du har ikke adgang til {type}/{id}.");

    public static FhirResponse NotSupported(string type, string interaction) =>
        Error(StatusCodes.Status405MethodNotAllowed, IssueType.NotSupported, type, $"{interaction} understøttes ikke for {type}; se /fhir/metadata.");
}

/// <summary>A search: its parameters (besides _count, _offset and _format) and the page asked for.</summary>
public sealed record FhirSearch(IReadOnlyList<KeyValuePair<string, string>> Parameters, int Count, int Offset)
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;

    public string? Get(string name) => Parameters.FirstOrDefault(p => p.Key == name).Value;
}

/// <summary>One page of search results, or the error that stopped the search.</summary>
public sealed record FhirSearchResult(FhirResponse? Error, int Total, IReadOnlyList<Resource> Resources)
{
    public static FhirSearchResult Fail(FhirResponse error) => new(error, 0, []);
}
