using CaseHub.Core.Consents;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Consents;

/// <summary>
/// The consent to exchange information across sectors -> casehub-cross-sector-consent (Consent). Active while in
/// force today; inactive once withdrawn or past its last day (provision.period.end is then the last day it covered);
/// proposed when it starts later.
/// </summary>
public static class ConsentMapper
{
    public static Consent.ConsentState Status(CrossSectorConsent consent, DateOnly today) =>
        consent.IsActiveOn(today) ? Consent.ConsentState.Active
        : consent.GivenOn > today && consent.WithdrawnOn is null ? Consent.ConsentState.Proposed
        : Consent.ConsentState.Inactive;

    public static Consent ToFhir(CrossSectorConsent consent, DateOnly today)
    {
        // The last day covered: the day before the withdrawal, or the limit the patient set, whichever is first.
        var lastDay = new[] { consent.WithdrawnOn?.AddDays(-1), consent.ValidUntil }.Where(d => d is not null).Min();
        var resource = new Consent
        {
            Id = consent.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.CrossSectorConsentProfile] },
            Extension = [new Extension(CaseHubUrls.ConsentScopeExtension, new FhirString(consent.Scope))],
            Status = Status(consent, today),
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent", null),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent", null)],
            Patient = new ResourceReference($"Patient/{consent.PatientId}"),
            DateTimeElement = FhirTime.DateTime(consent.RecordedAt),
            Performer = [new ResourceReference($"Patient/{consent.PatientId}")],
            PolicyRule = new CodeableConcept { Text = "Samtykke til udveksling af oplysninger på tværs af sektorer (region, kommune, Psykiatriens Hus)" },
            Provision = new Consent.provisionComponent
            {
                Type = Consent.ConsentProvisionType.Permit,
                Period = new Period
                {
                    Start = FhirTime.Date(consent.GivenOn),
                    End = lastDay is { } end && end >= consent.GivenOn ? FhirTime.Date(end) : null,
                },
            },
        };
        return resource;
    }
}
