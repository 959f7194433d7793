using CaseHub.Core.Organizations;

namespace CaseHub.Core.Agreements;

/// <summary>Danish names for the document vocabulary (DOMAIN.md terms).</summary>
public static class DocumentTexts
{
    public static string Danish(this DocumentKind kind) => kind switch
    {
        DocumentKind.DischargeAgreement => "Udskrivningsaftale",
        DocumentKind.CoordinationPlan => "Koordinationsplan",
        _ => kind.ToString(),
    };

    public static string Danish(this DocumentStatus status) => status switch
    {
        DocumentStatus.Draft => "Kladde",
        DocumentStatus.Sent => "Sendt",
        DocumentStatus.Accepted => "Accepteret",
        DocumentStatus.Active => "Aktiv",
        DocumentStatus.Ended => "Afsluttet",
        DocumentStatus.Superseded => "Erstattet af ny version",
        DocumentStatus.EnteredInError => "Fejlregistreret",
        _ => status.ToString(),
    };

    public static string Danish(this DocumentLegalBasis basis) => basis switch
    {
        DocumentLegalBasis.None => "Ikke valgt",
        DocumentLegalBasis.Section13aStk1 => "§13a stk. 1",
        DocumentLegalBasis.Section13aStk2 => "§13a stk. 2",
        DocumentLegalBasis.Section13b => "§13b (borgeren ønsker ikke at deltage)",
        _ => basis.ToString(),
    };

    public static string Danish(this ParticipantRole role) => role switch
    {
        ParticipantRole.Patient => "Borgeren",
        ParticipantRole.SeniorConsultant => "Ansvarlig overlæge",
        ParticipantRole.WardContactPerson => "Kontaktperson, afsnit",
        ParticipantRole.Caseworker => "Sagsbehandler, kommune",
        ParticipantRole.GeneralPractitioner => "Praktiserende læge",
        ParticipantRole.Relative => "Pårørende",
        ParticipantRole.Bisidder => "Bisidder",
        ParticipantRole.Other => "Andet",
        _ => role.ToString(),
    };

    public static string Danish(this ActionStatus status) => status switch
    {
        ActionStatus.Planned => "Planlagt",
        ActionStatus.InProgress => "I gang",
        ActionStatus.Done => "Udført",
        _ => status.ToString(),
    };

    public static string DanishSide(this Sector sector) => sector switch
    {
        Sector.Region => "Regionen",
        Sector.Municipality => "Kommunen",
        _ => "Begge",
    };

    /// <summary>The badge colour class (site.css) that fits a status.</summary>
    public static string BadgeClass(this DocumentStatus status) => status switch
    {
        DocumentStatus.Draft => "muted",
        DocumentStatus.Sent => "warn",
        DocumentStatus.Accepted => "info",
        DocumentStatus.Active => "ok",
        DocumentStatus.EnteredInError => "bad",
        _ => "muted",
    };

    /// <summary>The Danish timeline text for an event code.</summary>
    public static string DanishEvent(string kind) => kind switch
    {
        DocumentEvents.Created => "Oprettet",
        DocumentEvents.SectionSaved => "Afsnit gemt",
        DocumentEvents.ParticipantAdded => "Deltager tilføjet",
        DocumentEvents.ParticipantRemoved => "Deltager fjernet",
        DocumentEvents.ActionAdded => "Aftalt indsats tilføjet",
        DocumentEvents.ActionRemoved => "Aftalt indsats fjernet",
        DocumentEvents.Sent => "Sendt til kommunen",
        DocumentEvents.Accepted => "Accepteret af kommunen",
        DocumentEvents.Activated => "Aktiv fra udskrivning",
        DocumentEvents.ChangeProposed => "Ændring foreslået (ny version)",
        DocumentEvents.Superseded => "Erstattet af ny version",
        DocumentEvents.Ended => "Afsluttet",
        DocumentEvents.EnteredInError => "Annulleret (fejlregistreret)",
        _ => kind,
    };
}

/// <summary>The event codes written to <see cref="DocumentEvent.Kind"/>.</summary>
public static class DocumentEvents
{
    public const string Created = "created";
    public const string SectionSaved = "section.saved";
    public const string ParticipantAdded = "participant.added";
    public const string ParticipantRemoved = "participant.removed";
    public const string ActionAdded = "action.added";
    public const string ActionRemoved = "action.removed";
    public const string Sent = "sent";
    public const string Accepted = "accepted";
    public const string Activated = "activated";
    public const string ChangeProposed = "change.proposed";
    public const string Superseded = "superseded";
    public const string Ended = "ended";
    public const string EnteredInError = "entered-in-error";
}
