namespace CaseHub.Fhir.Common;

/// <summary>The canonical URLs of CaseHub's FHIR contract (fhir-profiles/), all under one base.</summary>
public static partial class CaseHubUrls
{
    public const string Base = "https://casehub.dk/fhir";

    public const string PatientProfile = Base + "/StructureDefinition/casehub-patient";
    public const string OrganizationProfile = Base + "/StructureDefinition/casehub-organization";
    public const string PractitionerProfile = Base + "/StructureDefinition/casehub-practitioner";
    public const string PractitionerRoleProfile = Base + "/StructureDefinition/casehub-practitioner-role";
    public const string AdmissionProfile = Base + "/StructureDefinition/casehub-admission";
    public const string UdskrivningsaftaleProfile = Base + "/StructureDefinition/casehub-udskrivningsaftale";
    public const string KoordinationsplanProfile = Base + "/StructureDefinition/casehub-koordinationsplan";

    public const string MunicipalityOfResidence = Base + "/StructureDefinition/municipality-of-residence";
    public const string LegalBasisExtension = Base + "/StructureDefinition/legal-basis";
    public const string TargetGroupMarkingExtension = Base + "/StructureDefinition/target-group-marking";
    public const string TargetGroupReasonExtension = Base + "/StructureDefinition/target-group-reason";
    public const string PlannedDischargeDateExtension = Base + "/StructureDefinition/planned-discharge-date";
    public const string StaffTitleExtension = Base + "/StructureDefinition/staff-title";
    public const string DocumentStatusExtension = Base + "/StructureDefinition/document-status";
    public const string DocumentLegalBasisExtension = Base + "/StructureDefinition/document-legal-basis";
    public const string DocumentSectionExtension = Base + "/StructureDefinition/document-section";
    public const string DocumentParticipantExtension = Base + "/StructureDefinition/document-participant";

    public const string LegalBasisSystem = Base + "/CodeSystem/legal-basis";
    public const string TargetGroupMarkingSystem = Base + "/CodeSystem/target-group-marking";
    public const string StaffRoleSystem = Base + "/CodeSystem/staff-role";
    public const string OrganizationKindSystem = Base + "/CodeSystem/organization-kind";
    public const string DocumentKindSystem = Base + "/CodeSystem/document-kind";
    public const string DocumentStatusSystem = Base + "/CodeSystem/document-status";
    public const string DocumentLegalBasisSystem = Base + "/CodeSystem/document-legal-basis";
    public const string DocumentSectionSystem = Base + "/CodeSystem/document-section";
    public const string ParticipantRoleSystem = Base + "/CodeSystem/participant-role";

    /// <summary>Identifier system for CaseHub staff users (the user name or Entra ID object id).</summary>
    public const string StaffUserSystem = Base + "/sid/staff-user";

    /// <summary>Identifier system for the hospital's episode-of-care id of an admission.</summary>
    public const string EpisodeOfCareSystem = Base + "/sid/episode-of-care";

    /// <summary>Identifier system for an udskrivningsaftale or koordinationsplan: its series, the same for every version.</summary>
    public const string CareDocumentSystem = Base + "/sid/care-document";

    public const string Ydernummer = "urn:oid:1.2.208.176.1.4";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
}
