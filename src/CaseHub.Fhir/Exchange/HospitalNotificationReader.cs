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

/// <summary>
/// Unpacks a MedCom HospitalNotification message: a Bundle of type message whose first entry is the MessageHeader
/// (eventCoding hospital-notification-message from MedCom's messaging event codes), whose focus is the Encounter.
/// The Encounter's subject and serviceProvider are resolved within the Bundle (R4 rules: the full URL, a relative
/// reference against the referring entry's base, or urn:uuid) to the Patient's CPR and the Organization's SOR code;
/// then it is read exactly like a bare Encounter. MedCom's Provenance (the activity code) is not needed: the
/// Encounter's status says the same. Every problem comes back with its path in the Bundle.
/// </summary>
public static class HospitalNotificationMessage
{
    public const string EventSystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes";
    public const string EventCode = "hospital-notification-message";

    public static (IncomingEncounter? Encounter, IReadOnlyList<FhirIssue> Issues) Read(Bundle bundle)
    {
        var issues = new List<FhirIssue>();
        if (bundle.Type != Bundle.BundleType.Message)
        {
            issues.Add(new FhirIssue(IssueType.Invalid, "Bundle.type", "Kun en Bundle af typen message (en MedCom-meddelelse) kan modtages her."));
            return (null, issues);
        }

        if (bundle.Entry.FirstOrDefault()?.Resource is not MessageHeader header)
        {
            issues.Add(new FhirIssue(IssueType.Required, "Bundle.entry[0].resource", "Meddelelsens første element skal være en MessageHeader."));
            return (null, issues);
        }

        const string headerPath = "Bundle.entry[0].resource";
        if (header.Event is not Coding { System: EventSystem, Code: EventCode })
        {
            issues.Add(new FhirIssue(IssueType.CodeInvalid, headerPath + ".eventCoding",
                $"Meddelelsen er ikke en hospitalsnotifikation (eventCoding skal være {EventSystem}#{EventCode})."));
            return (null, issues);
        }

        var focus = header.Focus.FirstOrDefault();
        var (encounterIndex, encounter) = Resolve<Encounter>(bundle, 0, focus?.Reference);
        if (encounter is null)
        {
            issues.Add(new FhirIssue(IssueType.NotFound, headerPath + ".focus[0]", "Meddelelsens focus skal pege på en Encounter i meddelelsen."));
            return (null, issues);
        }

        var path = $"Bundle.entry[{encounterIndex}].resource";
        var copy = (Encounter)encounter.DeepCopy();
        if (copy.Subject?.Identifier is null)
        {
            var (_, patient) = Resolve<Patient>(bundle, encounterIndex, copy.Subject?.Reference);
            var cpr = patient?.Identifier.FirstOrDefault(i => i.System == ExchangeCarePlan.CprSystem);
            if (cpr is null)
            {
                issues.Add(new FhirIssue(IssueType.Required, path + ".subject",
                    patient is null ? "Borgeren (subject) findes ikke i meddelelsen." : "Borgeren i meddelelsen har intet CPR-nummer."));
            }
            else
            {
                copy.Subject = new ResourceReference { Identifier = cpr };
            }
        }

        if (copy.ServiceProvider?.Identifier is null)
        {
            var (_, organization) = Resolve<Organization>(bundle, encounterIndex, copy.ServiceProvider?.Reference);
            var sor = organization?.Identifier.FirstOrDefault(i => i.System == Sor.Sor);
            if (sor is null)
            {
                issues.Add(new FhirIssue(IssueType.Required, path + ".serviceProvider",
                    organization is null ? "Afsnittet (serviceProvider) findes ikke i meddelelsen." : "Afsnittet i meddelelsen har ingen SOR-kode."));
            }
            else
            {
                copy.ServiceProvider = new ResourceReference { Identifier = sor };
            }
        }

        if (issues.Count > 0)
        {
            return (null, issues);
        }

        var (incoming, encounterIssues) = HospitalNotificationReader.Read(copy);
        return (incoming, encounterIssues.Select(i => i with { Path = path + i.Path["Encounter".Length..] }).ToList());
    }

    /// <summary>The entry a reference points to, by the R4 rules for resolving references inside a Bundle.</summary>
    private static (int Index, T? Resource) Resolve<T>(Bundle bundle, int fromIndex, string? reference)
        where T : Resource
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return (-1, null);
        }

        // A relative reference (Type/id) is resolved against the base of the referring entry's full URL.
        var from = bundle.Entry[fromIndex].FullUrl;
        var absolute = reference;
        if (!reference.Contains(':', StringComparison.Ordinal) && from is not null && !from.StartsWith("urn:", StringComparison.Ordinal))
        {
            var parts = from.TrimEnd('/').Split('/');
            absolute = parts.Length > 2 ? string.Join('/', parts[..^2]) + "/" + reference : reference;
        }

        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            if (entry.Resource is T resource
                && (entry.FullUrl == absolute || entry.FullUrl == reference || (!reference.Contains(':', StringComparison.Ordinal) && $"{resource.TypeName}/{resource.Id}" == reference)))
            {
                return (i, resource);
            }
        }

        return (-1, null);
    }
}
