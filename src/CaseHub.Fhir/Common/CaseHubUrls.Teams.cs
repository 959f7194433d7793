namespace CaseHub.Fhir.Common;

/// <summary>The canonical URLs of the team, meeting, follow-up, consent, flag and indicator part of the contract.</summary>
public static partial class CaseHubUrls
{
    public const string PatientTeamProfile = Base + "/StructureDefinition/casehub-patient-team";
    public const string NetworkMeetingProfile = Base + "/StructureDefinition/casehub-network-meeting";
    public const string MeetingMinutesProfile = Base + "/StructureDefinition/casehub-meeting-minutes";
    public const string FollowUpProfile = Base + "/StructureDefinition/casehub-follow-up";
    public const string CrossSectorConsentProfile = Base + "/StructureDefinition/casehub-cross-sector-consent";
    public const string FlagProfile = Base + "/StructureDefinition/casehub-flag";
    public const string IndicatorProfile = Base + "/StructureDefinition/casehub-indicator";
    public const string IndicatorReportProfile = Base + "/StructureDefinition/casehub-indicator-report";

    public const string MeetingHostExtension = Base + "/StructureDefinition/meeting-host";
    public const string ParticipantAttendedExtension = Base + "/StructureDefinition/participant-attended";
    public const string MinutesSectionExtension = Base + "/StructureDefinition/minutes-section";
    public const string ConsentScopeExtension = Base + "/StructureDefinition/consent-scope";
    public const string ResponsibleOrganizationExtension = Base + "/StructureDefinition/responsible-organization";
    public const string DismissReasonExtension = Base + "/StructureDefinition/dismiss-reason";
    public const string IndicatorAreaExtension = Base + "/StructureDefinition/indicator-area";
    public const string IndicatorAgeGroupExtension = Base + "/StructureDefinition/indicator-age-group";
    public const string PublicationSuppressedExtension = Base + "/StructureDefinition/publication-suppressed";

    public const string TeamRoleSystem = Base + "/CodeSystem/team-role";
    public const string NetworkMeetingSystem = Base + "/CodeSystem/network-meeting";
    public const string MinutesSectionSystem = Base + "/CodeSystem/minutes-section";
    public const string FlagRuleSystem = Base + "/CodeSystem/flag-rule";
    public const string AgeGroupSystem = Base + "/CodeSystem/age-group";

    /// <summary>Identifier system of CaseHub's indicators (the indicator ids of DOMAIN.md section 5).</summary>
    public const string IndicatorSystem = Base + "/sid/indicator";

    /// <summary>The canonical URL of an indicator's Measure.</summary>
    public static string Measure(string indicatorId) => Base + "/Measure/" + indicatorId;

    public const string MunicipalityCodes = "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes";
    public const string RegionCodes = "urn:iso:std:iso:3166:-2";
    public const string CountryCodes = "urn:iso:std:iso:3166";
}
