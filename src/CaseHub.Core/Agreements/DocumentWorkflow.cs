using CaseHub.Core.Access;
using CaseHub.Core.Organizations;

namespace CaseHub.Core.Agreements;

/// <summary>What someone can do to a document.</summary>
public enum DocumentOperation
{
    /// <summary>The ward edits its sections, participants and actions.</summary>
    EditWardPart,

    /// <summary>The municipality adds its part: social services, its own actions, comments.</summary>
    EditMunicipalPart,
    Send,
    Accept,

    /// <summary>Discharge makes an accepted document active.</summary>
    Activate,

    /// <summary>A change after sending: a new version, the current one becomes Superseded.</summary>
    ProposeChange,
    End,
    EnterInError,
}

/// <summary>
/// The status workflow: which operation is allowed in which status, and which side may do it. Pure rules, so the
/// use cases and the pages (which buttons to show) agree.
/// </summary>
public static class DocumentWorkflow
{
    /// <summary>Whether the operation may be done on a document in this status.</summary>
    public static bool Allows(DocumentStatus status, DocumentOperation operation) => operation switch
    {
        DocumentOperation.EditWardPart or DocumentOperation.Send => status == DocumentStatus.Draft,
        DocumentOperation.EditMunicipalPart or DocumentOperation.Accept => status == DocumentStatus.Sent,
        DocumentOperation.Activate => status == DocumentStatus.Accepted,
        DocumentOperation.ProposeChange => status is DocumentStatus.Sent or DocumentStatus.Accepted or DocumentStatus.Active,
        DocumentOperation.End => status is DocumentStatus.Accepted or DocumentStatus.Active,
        DocumentOperation.EnterInError => status is not (DocumentStatus.Superseded or DocumentStatus.EnteredInError),
        _ => false,
    };

    /// <summary>The status an allowed operation leads to (editing keeps the status).</summary>
    public static DocumentStatus Next(DocumentStatus status, DocumentOperation operation) => operation switch
    {
        DocumentOperation.Send => DocumentStatus.Sent,
        DocumentOperation.Accept => DocumentStatus.Accepted,
        DocumentOperation.Activate => DocumentStatus.Active,
        DocumentOperation.ProposeChange => DocumentStatus.Superseded,
        DocumentOperation.End => DocumentStatus.Ended,
        DocumentOperation.EnterInError => DocumentStatus.EnteredInError,
        _ => status,
    };

    public static bool IsAuthoringWard(CurrentUser user, CareDocument document) =>
        user.IsInRole(Roles.PsychiatryContactPerson) && user.OrganizationId == document.AuthoringWardId;

    public static bool IsReceivingMunicipality(CurrentUser user, CareDocument document) =>
        user.IsInRole(Roles.MunicipalCaseworker) && user.MunicipalityId == document.ReceivingMunicipalityId;

    /// <summary>Whether this user's side may do the operation (the status is checked by <see cref="Allows"/>).</summary>
    public static bool SideMay(CurrentUser user, CareDocument document, DocumentOperation operation) => operation switch
    {
        DocumentOperation.EditWardPart or DocumentOperation.Send or DocumentOperation.Activate => IsAuthoringWard(user, document),
        DocumentOperation.EditMunicipalPart or DocumentOperation.Accept => IsReceivingMunicipality(user, document),
        _ => IsAuthoringWard(user, document) || IsReceivingMunicipality(user, document),
    };

    /// <summary>Both the status and the side allow it: what the pages use to decide which buttons to show.</summary>
    public static bool Can(CurrentUser user, CareDocument document, DocumentOperation operation) =>
        Allows(document.Status, operation) && SideMay(user, document, operation);

    /// <summary>Whether the user may edit this section of the document now.</summary>
    public static bool CanEditSection(CurrentUser user, CareDocument document, SectionOwner owner) =>
        (owner != SectionOwner.Municipality && Can(user, document, DocumentOperation.EditWardPart))
        || (owner != SectionOwner.Region && Can(user, document, DocumentOperation.EditMunicipalPart));

    /// <summary>The Danish reason an operation is refused in a status.</summary>
    public static string StatusRefusal(DocumentStatus status, DocumentOperation operation) => operation switch
    {
        DocumentOperation.EditWardPart when status != DocumentStatus.Draft =>
            $"Dokumentet er {status.Danish().ToLowerInvariant()} og kan ikke rettes. Foreslå en ændring for at lave en ny version.",
        DocumentOperation.EditMunicipalPart => "Kommunen kan kun tilføje sin del, mens dokumentet er sendt og ikke accepteret.",
        DocumentOperation.Send => "Kun en kladde kan sendes.",
        DocumentOperation.Accept => "Kun et sendt dokument kan accepteres.",
        DocumentOperation.Activate => "Kun et accepteret dokument bliver aktivt ved udskrivning.",
        DocumentOperation.ProposeChange => "Der kan kun foreslås ændringer til et sendt, accepteret eller aktivt dokument; en kladde rettes direkte.",
        DocumentOperation.End => "Kun et accepteret eller aktivt dokument kan afsluttes.",
        DocumentOperation.EnterInError => "Dokumentet er allerede erstattet eller annulleret.",
        _ => "Handlingen er ikke mulig.",
    };

    public static string SideRefusal(DocumentOperation operation) => operation switch
    {
        DocumentOperation.EditWardPart or DocumentOperation.Send or DocumentOperation.Activate =>
            "Kun det afsnit, der har udarbejdet dokumentet, kan gøre dette.",
        DocumentOperation.EditMunicipalPart or DocumentOperation.Accept =>
            "Kun en sagsbehandler i den modtagende kommune kan gøre dette.",
        _ => "Kun det udarbejdende afsnit og den modtagende kommune kan gøre dette.",
    };
}
