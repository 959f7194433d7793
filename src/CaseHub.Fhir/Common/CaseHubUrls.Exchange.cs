namespace CaseHub.Fhir.Common;

/// <summary>The canonical URLs only the exchange between two CaseHubs uses.</summary>
public static partial class CaseHubUrls
{
    /// <summary>On an action (CarePlan.activity): its id, the same in every CaseHub holding the document.</summary>
    public const string ActionIdExtension = Base + "/StructureDefinition/action-id";

    /// <summary>On an action (CarePlan.activity): the sector that owns it (code: region, municipality or shared).</summary>
    public const string ActionOwnerExtension = Base + "/StructureDefinition/action-owner";

    /// <summary>On a superseded CarePlan: the contained draft that replaces it (a change proposed by the sender).</summary>
    public const string ReplacedByExtension = Base + "/StructureDefinition/replaced-by";

    /// <summary>On the contained draft: why the change was proposed (<c>reason</c>) and by whom (<c>proposedBy</c>).</summary>
    public const string ChangeProposalExtension = Base + "/StructureDefinition/change-proposal";
}
