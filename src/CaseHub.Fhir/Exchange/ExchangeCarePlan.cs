using System.Globalization;
using CaseHub.Core.Agreements;
using CaseHub.Core.Exchange;
using CaseHub.Core.Organizations;
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

    /// <summary>The local id of the contained draft in a superseded message.</summary>
    public const string SuccessorId = "successor";

    public string Serialize(CareDocument document) => serialization.Serialize(ToFhir(document));

    public string Serialize(CareDocument document, ChangeProposal? proposal) => serialization.Serialize(ToFhir(document, proposal));

    /// <summary>
    /// The version as it crosses the border; a superseded version may carry the draft that replaces it (contained,
    /// named by the replaced-by extension), with the reason and who proposed it.
    /// </summary>
    public static CarePlan ToFhir(CareDocument document, ChangeProposal? proposal = null)
    {
        var resource = Identified(document, document);
        resource.Meta!.VersionId = document.Version.ToString(CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(document.UpdatedAt, DateTimeKind.Utc));
        if (proposal is not null)
        {
            // Its own patient, ward and municipality references are not loaded: they are the superseded version's.
            var draft = Identified(proposal.Draft, document);
            draft.Id = SuccessorId;
            var about = new Extension { Url = CaseHubUrls.ChangeProposalExtension };
            if (proposal.Reason is { } reason)
            {
                about.Extension.Add(new Extension("reason", new FhirString(reason)));
            }

            if (proposal.ProposedBy is { } by)
            {
                about.Extension.Add(new Extension("proposedBy", new FhirString(by)));
            }

            draft.Extension.Add(about);
            resource.Contained.Add(draft);
            resource.Extension.Add(new Extension(CaseHubUrls.ReplacedByExtension, new ResourceReference("#" + SuccessorId)));
        }

        return resource;
    }

    /// <summary>The profiled CarePlan with business identifiers (taken from <paramref name="loaded"/>) and action ids and owners.</summary>
    private static CarePlan Identified(CareDocument document, CareDocument loaded)
    {
        var resource = CarePlanMapper.ToFhir(document);
        resource.Identifier.Add(new Identifier(DocumentIdSystem, document.Id.ToString("D")));
        resource.Subject!.Identifier = new Identifier(CprSystem, loaded.Patient!.Cpr);
        resource.Author!.Identifier = new Identifier(CodeSystems.Sor, loaded.AuthoringWard!.Code);
        resource.Contributor[0].Identifier = new Identifier(CodeSystems.Municipality, loaded.ReceivingMunicipality!.Code);
        if (loaded.Admission?.EpisodeOfCareId is { } episode)
        {
            resource.Encounter!.Identifier = new Identifier(CaseHubUrls.EpisodeOfCareSystem, episode);
        }

        // Each side answers for its own actions: the receiver needs to know whose an action is, and which one it is.
        foreach (var (activity, action) in resource.Activity.Zip(CarePlanMapper.InOrder(document.Actions)))
        {
            activity.Extension.Add(new Extension(CaseHubUrls.ActionIdExtension, new Id(action.Id.ToString("D"))));
            activity.Extension.Add(new Extension(CaseHubUrls.ActionOwnerExtension, new Code(SectorCode(action.OwnerSector))));
        }

        return resource;
    }

    private static string SectorCode(Sector sector) => sector switch
    {
        Sector.Municipality => "municipality",
        Sector.Shared => "shared",
        _ => "region",
    };

    /// <summary>Sets each action's id and owner from the activity's extensions; false when the sender did not send owners.</summary>
    private static bool ReadActionOwners(CarePlan resource, IReadOnlyList<AgreedAction> actions, string path, List<FhirIssue> issues)
    {
        var known = false;
        var activities = resource.Activity.Select((a, i) => (Activity: a, Index: i)).Where(a => a.Activity.Detail is not null).ToList();
        foreach (var ((activity, index), action) in activities.Zip(actions))
        {
            if (activity.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.ActionIdExtension)?.Value is Id { Value: { } id })
            {
                if (Guid.TryParse(id, out var actionId))
                {
                    action.Id = actionId;
                }
                else
                {
                    issues.Add(new FhirIssue(IssueType.Value, $"{path}.activity[{index}].extension", "Indsatsens id skal være et UUID."));
                }
            }

            var owner = (activity.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.ActionOwnerExtension)?.Value as Code)?.Value;
            if (owner is not null)
            {
                known = true;
                Sector? sector = owner switch { "region" => Sector.Region, "municipality" => Sector.Municipality, "shared" => Sector.Shared, _ => null };
                if (sector is null)
                {
                    issues.Add(new FhirIssue(IssueType.CodeInvalid, $"{path}.activity[{index}].extension", $"Ukendt ejer af indsatsen: '{owner}'."));
                }
                else
                {
                    action.OwnerSector = sector.Value;
                }
            }
        }

        return known;
    }

    /// <summary>The draft a superseded message carries (see <see cref="ToFhir"/>), or null when it carries none.</summary>
    private static IncomingRevision? ReadSuccessor(CarePlan resource, List<FhirIssue> issues)
    {
        var reference = resource.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.ReplacedByExtension)?.Value as ResourceReference;
        if (reference is null)
        {
            return null;
        }

        var draft = resource.Contained.OfType<CarePlan>().FirstOrDefault(c => "#" + c.Id == reference.Reference);
        if (draft is null)
        {
            issues.Add(new FhirIssue(IssueType.Invalid, "CarePlan.extension", $"Den nye version ({reference.Reference}) findes ikke i CarePlan.contained."));
            return null;
        }

        const string path = "CarePlan.contained[0]";
        var (data, mappingIssues) = CarePlanMapper.FromFhir(draft);
        issues.AddRange(mappingIssues.Where(i => !i.Path.EndsWith(".reference", StringComparison.Ordinal))
            .Select(i => i with { Path = path + i.Path["CarePlan".Length..] }));
        if (!Guid.TryParse(draft.Identifier.FirstOrDefault(i => i.System == DocumentIdSystem)?.Value, out var id))
        {
            issues.Add(new FhirIssue(IssueType.Required, path + ".identifier", $"Den nye versions id mangler (identifier med system {DocumentIdSystem})."));
            return null;
        }

        ReadActionOwners(draft, data.Actions, path, issues);
        string? Part(string url) => (draft.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.ChangeProposalExtension)?
            .Extension.FirstOrDefault(e => e.Url == url)?.Value as FhirString)?.Value;
        return new IncomingRevision(id, data.Fields, data.Actions, data.Participants?.Select(p => p.Participant).ToList() ?? [], Part("reason"), Part("proposedBy"));
    }

    /// <summary>What a received CarePlan says, or the issues that make it unusable (each with its element path).</summary>
    /// <param name="receivedAt">Stands in for the creation time of a CarePlan that does not say when it was created.</param>
    public static (IncomingDocument? Document, IReadOnlyList<FhirIssue> Issues) Read(CarePlan resource, DateTime receivedAt)
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

        var ownersKnown = ReadActionOwners(resource, data.Actions, "CarePlan", issues);
        var successor = ReadSuccessor(resource, issues);
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
            FhirTime.ToUtc(resource.CreatedElement) ?? receivedAt,
            data.Fields,
            data.Actions,
            data.Participants?.Select(p => p.Participant).ToList(),
            ownersKnown,
            successor), issues);
    }
}
