using CaseHub.Core.Admissions;
using CaseHub.Core.Exchange;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;
using Sor = CaseHub.Core.Organizations.Organization.CodeSystems;

namespace CaseHub.Fhir.Exchange;

/// <summary>
/// Reads the Encounter of a MedCom HospitalNotification: status (in-progress, onleave, finished), the episode-of-care
/// identifier (episodeOfCare.identifier, or our own episode-of-care identifier), the patient by CPR (subject
/// identifier or a contained Patient), the ward by SOR (serviceProvider identifier) and the period. Our
/// legal-basis extension is read when present; MedCom does not carry it, so it defaults to voluntary.
/// </summary>
public static class HospitalNotificationReader
{
    public static (IncomingEncounter? Encounter, IReadOnlyList<FhirIssue> Issues) Read(Encounter resource)
    {
        var issues = new List<FhirIssue>();
        var episode = resource.EpisodeOfCare.Select(e => e.Identifier?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
            ?? resource.Identifier.FirstOrDefault(i => i.System == CaseHubUrls.EpisodeOfCareSystem)?.Value;
        if (episode is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "Encounter.episodeOfCare.identifier", "Forløbsid (episodeOfCare.identifier) mangler."));
        }

        HospitalEvent? kind = resource.Status switch
        {
            Encounter.EncounterStatus.InProgress => HospitalEvent.Admitted,
            Encounter.EncounterStatus.Onleave => HospitalEvent.OnLeave,
            Encounter.EncounterStatus.Finished => HospitalEvent.Discharged,
            _ => null,
        };
        if (kind is null)
        {
            issues.Add(new FhirIssue(IssueType.CodeInvalid, "Encounter.status", "Status skal være in-progress, onleave eller finished."));
        }

        var cpr = resource.Subject?.Identifier is { System: ExchangeCarePlan.CprSystem } s ? s.Value
            : resource.Contained.OfType<Patient>().SelectMany(p => p.Identifier).FirstOrDefault(i => i.System == ExchangeCarePlan.CprSystem)?.Value;
        if (cpr is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "Encounter.subject.identifier", "Borgerens CPR-nummer mangler."));
        }

        var ward = resource.ServiceProvider?.Identifier is { System: Sor.Sor } w ? w.Value : null;
        if (ward is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "Encounter.serviceProvider.identifier", "Afsnittets SOR-kode mangler."));
        }

        var end = FhirTime.ToUtc(resource.Period?.EndElement);
        if (kind == HospitalEvent.Discharged && end is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, "Encounter.period.end", "Udskrivningstidspunktet mangler."));
        }

        var basis = (resource.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.LegalBasisExtension)?.Value as Coding)?.Code switch
        {
            "compulsory-admission" => LegalBasis.CompulsoryAdmission,
            "compulsory-detention" => LegalBasis.CompulsoryDetention,
            _ => LegalBasis.Voluntary,
        };
        return issues.Count > 0
            ? (null, issues)
            : (new IncomingEncounter(episode!, kind!.Value, cpr, ward, FhirTime.ToUtc(resource.Period?.StartElement), end, basis), issues);
    }
}
