using System.Globalization;
using CaseHub.Core.Agreements;
using CaseHub.Core.Exchange;
using CodeSystems = CaseHub.Core.Organizations.Organization.CodeSystems;
using CaseHub.Fhir.Agreements;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Serialization;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Fhir.Exchange;

/// <summary>
/// The CarePlan that crosses the border: the profiled CarePlan of <see cref="CarePlanMapper"/>, plus what a system
/// with its own database needs to recognise everything without our ids: the document id as identifier, the version
/// as meta.versionId (the order), and business identifiers on the references (CPR, SOR, municipality code,
/// episode of care).
/// </summary>
public sealed class ExchangeCarePlan(FhirSerialization serialization) : IExchangePayload
{
    /// <summary>The identifier system of a document version's id, the same in every CaseHub that holds a copy.</summary>
    public const string DocumentIdSystem = CaseHubUrls.Base + "/sid/document-id";

    public const string CprSystem = "urn:oid:1.2.208.176.1.2";

    public string ResourceType => "CarePlan";

    public string Serialize(CareDocument document) => serialization.Serialize(ToFhir(document));

    public static CarePlan ToFhir(CareDocument document)
    {
        var resource = CarePlanMapper.ToFhir(document);
        resource.Meta!.VersionId = document.Version.ToString(CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(document.UpdatedAt, DateTimeKind.Utc));
        resource.Identifier.Add(new Identifier(DocumentIdSystem, document.Id.ToString("D")));
        resource.Subject!.Identifier = new Identifier(CprSystem, document.Patient!.Cpr);
        resource.Author!.Identifier = new Identifier(CodeSystems.Sor, document.AuthoringWard!.Code);
        resource.Contributor[0].Identifier = new Identifier(CodeSystems.Municipality, document.ReceivingMunicipality!.Code);
        if (document.Admission?.EpisodeOfCareId is { } episode)
        {
            resource.Encounter!.Identifier = new Identifier(CaseHubUrls.EpisodeOfCareSystem, episode);
        }

        return resource;
    }

    /// <summary>What a received CarePlan says, or the issues that make it unusable (each with its element path).</summary>
    public static (IncomingDocument? Document, IReadOnlyList<FhirIssue> Issues) Read(CarePlan resource)
    {
        var issues = new List<FhirIssue>();
        var (data, mappingIssues) = CarePlanMapper.FromFhir(resource);

        // Our ids in the references belong to the sender's database; only the identifiers count here.
        issues.AddRange(mappingIssues.Where(i => !i.Path.EndsWith(".reference", StringComparison.Ordinal)));
        var id = Guid.TryParse(resource.Identifier.FirstOrDefault(i => i.System == DocumentIdSystem)?.Value ?? resource.Id, out var documentId) ? documentId : (Guid?)null;
        if (id is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "CarePlan.identifier", $"Dokumentets id mangler (identifier med system {DocumentIdSystem})."));
        }

        if (!int.TryParse(resource.Meta?.VersionId, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            issues.Add(new FhirIssue(IssueType.Required, "CarePlan.meta.versionId", "Versionen mangler; den bestemmer rækkefølgen."));
        }

        var statusCode = (resource.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.DocumentStatusExtension)?.Value as Coding)?.Code;
        var status = Enum.GetValues<DocumentStatus>().Where(s => CarePlanMapper.Code(s) == statusCode).Select(s => (DocumentStatus?)s).FirstOrDefault();
        if (status is null or DocumentStatus.Draft)
        {
            issues.Add(new FhirIssue(IssueType.CodeInvalid, "CarePlan.extension", "Dokumentstatus mangler eller er en kladde; kun delte dokumenter udveksles."));
        }

        if (data.Kind is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "CarePlan.category", "Dokumenttypen mangler."));
        }

        var cpr = resource.Subject?.Identifier is { System: CprSystem } c ? c.Value : null;
        if (cpr is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "CarePlan.subject.identifier", "Borgerens CPR-nummer mangler."));
        }

        var ward = resource.Author?.Identifier is { System: CodeSystems.Sor } w ? w.Value : null;
        if (ward is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "CarePlan.author.identifier", "Afsnittets SOR-kode mangler."));
        }

        var municipality = resource.Contributor.Select(r => r.Identifier).FirstOrDefault(i => i?.System == CodeSystems.Municipality)?.Value;
        if (municipality is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "CarePlan.contributor.identifier", "Kommunekoden mangler."));
        }

        if (issues.Count > 0)
        {
            return (null, issues);
        }

        var previous = resource.Replaces.Select(r => r.Reference).FirstOrDefault(r => r?.StartsWith("CarePlan/", StringComparison.Ordinal) == true);
        return (new IncomingDocument(
            id!.Value,
            version,
            data.Kind!.Value,
            status!.Value,
            cpr,
            ward,
            municipality,
            resource.Encounter?.Identifier?.Value,
            Guid.TryParse(previous?["CarePlan/".Length..], out var p) ? p : null,
            FhirTime.ToUtc(resource.CreatedElement) ?? DateTime.UtcNow,
            data.Fields,
            data.Actions), issues);
    }
}
