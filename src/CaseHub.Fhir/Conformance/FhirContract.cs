using CaseHub.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Conformance;

/// <summary>
/// CaseHub's FHIR contract as loaded from fhir-profiles/ (embedded in this assembly): the StructureDefinitions,
/// CodeSystems and ValueSets the validator enforces and <c>/fhir</c> serves.
/// </summary>
public sealed class FhirContract
{
    private const string ResourcePrefix = "CaseHub.Fhir.Profiles.";

    public FhirContract(FhirSerialization serialization)
    {
        var assembly = typeof(FhirContract).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            switch (serialization.ParseTrusted<Resource>(reader.ReadToEnd()))
            {
                case StructureDefinition { Url: { } sdUrl } sd:
                    StructureDefinitions[sdUrl] = sd;
                    break;
                case CodeSystem { Url: { } csUrl } cs:
                    CodeSystems[csUrl] = cs;
                    break;
                case ValueSet { Url: { } vsUrl } vs:
                    ValueSets[vsUrl] = vs;
                    break;
            }
        }
    }

    public Dictionary<string, StructureDefinition> StructureDefinitions { get; } = [];

    public Dictionary<string, CodeSystem> CodeSystems { get; } = [];

    public Dictionary<string, ValueSet> ValueSets { get; } = [];

    /// <summary>All contract resources, for serving them under /fhir.</summary>
    public IEnumerable<Resource> All => StructureDefinitions.Values.Cast<Resource>().Concat(CodeSystems.Values).Concat(ValueSets.Values);

    /// <summary>
    /// Whether a code is in one of our ValueSets; null when the ValueSet is not ours (then the validator cannot
    /// judge it and leaves it to the parser, which checks the base spec's required bindings).
    /// </summary>
    public bool? InValueSet(string valueSetUrl, string? system, string? code)
    {
        if (!ValueSets.TryGetValue(valueSetUrl.Split('|')[0], out var vs) || vs.Compose is null)
        {
            return null;
        }

        foreach (var include in vs.Compose.Include)
        {
            if (system is not null && include.System != system)
            {
                continue;
            }

            var codes = include.Concept.Count > 0
                ? include.Concept.Select(c => c.Code)
                : include.System is not null && CodeSystems.TryGetValue(include.System, out var cs) ? cs.Concept.Select(c => c.Code) : [];
            if (codes.Contains(code, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
