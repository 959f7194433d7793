using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>Resources a client would send.</summary>
internal static class FhirSamples
{
    public const string Cpr = "urn:oid:1.2.208.176.1.2";

    public static Patient Patient(string cpr, string given = "Sara", string family = "Holm", string municipality = "0851", string? birthDate = null)
    {
        var day = cpr[..2];
        var month = cpr[2..4];
        var year = (cpr[6] - '0') <= 3 ? "19" + cpr[4..6] : "20" + cpr[4..6];
        return new Patient
        {
            Meta = new Meta { Profile = [CaseHubUrls.PatientProfile] },
            Extension = [new Extension(CaseHubUrls.MunicipalityOfResidence, new Coding("http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes", municipality))],
            Identifier = [new Identifier(Cpr, cpr)],
            Name = [new HumanName { Family = family, Given = [given] }],
            BirthDate = birthDate ?? $"{year}-{month}-{day}",
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "11 22 33 44")],
        };
    }

    public static Encounter Admission(Guid patientId, Guid wardId, string start = "2026-03-01T10:00:00+01:00", string legalBasis = "voluntary") => new()
    {
        Meta = new Meta { Profile = [CaseHubUrls.AdmissionProfile] },
        Extension =
        [
            new Extension(CaseHubUrls.LegalBasisExtension, new Coding(CaseHubUrls.LegalBasisSystem, legalBasis)),
            new Extension(CaseHubUrls.TargetGroupMarkingExtension, new Coding(CaseHubUrls.TargetGroupMarkingSystem, "section-13a-stk-1")),
            new Extension(CaseHubUrls.TargetGroupReasonExtension, new FhirString("Modtager bostøtte.")),
            new Extension(CaseHubUrls.PlannedDischargeDateExtension, new Date("2026-03-10")),
        ],
        Status = Encounter.EncounterStatus.InProgress,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
        Subject = new ResourceReference($"Patient/{patientId}"),
        Period = new Period { Start = start },
        ServiceProvider = new ResourceReference($"Organization/{wardId}"),
    };
}
