namespace CaseHub.Fhir.Conformance;

/// <summary>
/// The <c>_include</c> and <c>_revinclude</c> values the API supports, per resource type searched: the
/// CapabilityStatement states them from here and the search machinery refuses any other.
/// </summary>
public static class SearchIncludes
{
    /// <summary>An include: the resource type searched, its reference search parameter, and the types it may point at.</summary>
    public sealed record Include(string SourceType, string Parameter, IReadOnlyList<string> TargetTypes)
    {
        /// <summary>The value as written in a search: <c>CarePlan:care-team</c>.</summary>
        public string Value => $"{SourceType}:{Parameter}";
    }

    /// <summary>_include: resources the matches point at.</summary>
    public static readonly IReadOnlyList<Include> Includes =
    [
        new("CarePlan", "care-team", ["CareTeam"]),
        new("Task", "focus", ["Appointment", "CarePlan"]),
    ];

    /// <summary>_revinclude: resources that point at the matches (the include's source type), by the type searched.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Include>> RevIncludes = new Dictionary<string, IReadOnlyList<Include>>(StringComparer.Ordinal)
    {
        ["CarePlan"] = [Includes[1]],
        ["Appointment"] = [Includes[1]],
    };

    public static IReadOnlyList<string> IncludesFor(string type) => Includes.Where(i => i.SourceType == type).Select(i => i.Value).ToList();

    public static IReadOnlyList<string> RevIncludesFor(string type) => RevIncludes.TryGetValue(type, out var list) ? list.Select(i => i.Value).ToList() : [];
}
