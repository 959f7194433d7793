using System.Text.Json;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace CaseHub.Fhir.Serialization;

/// <summary>The wire formats CaseHub speaks.</summary>
public enum FhirFormat
{
    Json,
    Xml,
}

/// <summary>
/// The Firely parsers and serializers, created once (they cache reflection metadata) and shared. Parsing is strict:
/// unknown elements, bad literals and codes outside the base spec's required bindings are reported with their path.
/// </summary>
public sealed class FhirSerialization
{
    private readonly FhirJsonDeserializer jsonParser = new();
    private readonly FhirXmlDeserializer xmlParser = new();
    private readonly FhirJsonSerializer jsonSerializer = new();
    private readonly FhirXmlSerializer xmlSerializer = new();

    public string Serialize(Resource resource, FhirFormat format = FhirFormat.Json) =>
        format == FhirFormat.Xml ? xmlSerializer.SerializeToString(resource) : jsonSerializer.SerializeToString(resource);

    /// <summary>Parses a resource; on failure returns the problems, each with the element path where known.</summary>
    public (Resource? Resource, IReadOnlyList<FhirIssue> Issues) Parse(string text, FhirFormat format = FhirFormat.Json)
    {
        try
        {
            var resource = format == FhirFormat.Xml ? xmlParser.Deserialize<Resource>(text) : jsonParser.Deserialize<Resource>(text);
            return (resource, []);
        }
        catch (DeserializationFailedException e)
        {
            var root = e.PartialResult?.TypeName ?? "Resource";
            return (null, e.Exceptions.Select(x => new FhirIssue(
                x.ErrorCode == "PVAL128" || x.ErrorCode.StartsWith("JSON", StringComparison.Ordinal) ? OperationOutcome.IssueType.Structure : OperationOutcome.IssueType.Invalid,
                (x as ExtendedCodedException)?.InstancePath ?? root,
                x.Message)).ToList());
        }
        catch (Exception e) when (e is JsonException or FormatException or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            return (null, [new FhirIssue(OperationOutcome.IssueType.Structure, "Resource", $"Indholdet er ikke en FHIR-ressource i {format}: {e.Message}")]);
        }
    }

    /// <summary>Parses a resource that is known to be valid (stored history, embedded contract files).</summary>
    public T ParseTrusted<T>(string json)
        where T : Resource => jsonParser.Deserialize<T>(json);
}
