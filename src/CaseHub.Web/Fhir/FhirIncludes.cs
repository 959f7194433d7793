using CaseHub.Fhir.Conformance;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>
/// <c>_include</c> and <c>_revinclude</c> (<see cref="SearchIncludes"/>): included resources come through their own
/// handler's read or search, so each is access-checked and audited like a direct request, and what the caller may not
/// see is left out.
/// </summary>
public static class FhirIncludes
{
    public static bool IsIncludeParameter(string name) => name is "_include" or "_revinclude";

    /// <summary>A 400 naming the first value that is not supported for <paramref name="type"/>, or null.</summary>
    public static FhirResponse? Check(string type, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var supported = name == "_include" ? SearchIncludes.IncludesFor(type) : SearchIncludes.RevIncludesFor(type);
            if (Find(value, supported) is null)
            {
                return FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.NotSupported, name,
                    $"{name}={value} understøttes ikke for {type}; understøttet: {(supported.Count == 0 ? "ingen" : string.Join(", ", supported))}.");
            }
        }

        return null;
    }

    /// <summary>The supported value a written one stands for (<c>Task:focus</c> also as <c>Task:focus:Appointment</c>).</summary>
    private static string? Find(string value, IReadOnlyList<string> supported)
    {
        var parts = value.Split(':');
        return parts.Length is 2 or 3 && supported.Contains($"{parts[0]}:{parts[1]}") ? $"{parts[0]}:{parts[1]}" : null;
    }

    /// <summary>The included resources the caller may see, without duplicates and without the matches themselves.</summary>
    public static async Task<List<Resource>> ResolveAsync(
        string type, IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyList<Resource> matches,
        IEnumerable<IFhirResourceHandler> handlers, CancellationToken ct)
    {
        var seen = matches.Select(m => $"{m.TypeName}/{m.Id}").ToHashSet(StringComparer.Ordinal);
        var included = new List<Resource>();
        void Add(Resource resource)
        {
            if (seen.Add($"{resource.TypeName}/{resource.Id}"))
            {
                included.Add(resource);
            }
        }

        foreach (var (name, value) in parameters)
        {
            var parts = value.Split(':');
            var targetType = parts.Length == 3 ? parts[2] : null;
            if (name == "_include")
            {
                var include = SearchIncludes.Includes.First(i => i.Value == $"{parts[0]}:{parts[1]}");
                foreach (var reference in matches.SelectMany(m => References(m, include.Parameter)).Distinct(StringComparer.Ordinal))
                {
                    var slash = reference.IndexOf('/', StringComparison.Ordinal);
                    var refType = slash > 0 ? reference[..slash] : string.Empty;
                    if (!include.TargetTypes.Contains(refType) || (targetType is not null && targetType != refType)
                        || handlers.FirstOrDefault(h => h.Definition.Type == refType) is not { } target)
                    {
                        continue;
                    }

                    // The read decides access and audits it; a refusal or a missing resource is simply not included.
                    var read = await target.ReadAsync(reference[(slash + 1)..], ct);
                    if (read.IsSuccess)
                    {
                        Add(read.Body);
                    }
                }
            }
            else
            {
                var include = SearchIncludes.RevIncludes[type].First(i => i.Value == $"{parts[0]}:{parts[1]}");
                if (handlers.FirstOrDefault(h => h.Definition.Type == include.SourceType) is not { } source)
                {
                    continue;
                }

                foreach (var match in matches)
                {
                    // The source type's own search lists only what the caller may see, and audits the listing.
                    var found = await source.SearchAsync(new FhirSearch([new(include.Parameter, $"{match.TypeName}/{match.Id}")], FhirSearch.MaxCount, 0), ct);
                    foreach (var resource in found.Resources)
                    {
                        Add(resource);
                    }
                }
            }
        }

        return included;
    }

    /// <summary>The references a search parameter follows in a resource.</summary>
    private static IEnumerable<string> References(Resource resource, string parameter) => (resource, parameter) switch
    {
        (CarePlan plan, "care-team") => plan.CareTeam.Select(r => r.Reference).OfType<string>(),
        (Hl7.Fhir.Model.Task task, "focus") => task.Focus?.Reference is { } focus ? [focus] : [],
        _ => [],
    };
}
