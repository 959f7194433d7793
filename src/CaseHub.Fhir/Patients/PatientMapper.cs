using CaseHub.Core.Patients;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;
using DomainPatient = CaseHub.Core.Patients.Patient;
using Organization = CaseHub.Core.Organizations.Organization;

namespace CaseHub.Fhir.Patients;

/// <summary>Domain patient &lt;-&gt; casehub-patient, lossless for every element the profile defines.</summary>
public static class PatientMapper
{
    /// <summary>Maps a patient; <see cref="DomainPatient.Municipality"/> must be loaded.</summary>
    public static Hl7.Fhir.Model.Patient ToFhir(DomainPatient patient)
    {
        var municipality = patient.Municipality ?? throw new InvalidOperationException("Load the patient's municipality before mapping.");
        var resource = new Hl7.Fhir.Model.Patient
        {
            Id = patient.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.PatientProfile] },
            Extension =
            [
                new Extension(CaseHubUrls.MunicipalityOfResidence, new Coding(Organization.CodeSystems.Municipality, municipality.Code, municipality.Name)),
            ],
            Identifier = [new Identifier(CprNumber.FhirSystem, patient.Cpr)],
            Name = [new HumanName { Family = patient.FamilyName, Given = [patient.GivenName] }],
            BirthDate = FhirTime.Date(patient.BirthDate),
        };
        if (patient.Phone is { } phone)
        {
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        }

        if (patient.Address is { } address)
        {
            resource.Address.Add(new Address { Text = address });
        }

        if (patient.GeneralPractitionerNumber is not null || patient.GeneralPractitionerName is not null)
        {
            resource.GeneralPractitioner.Add(new ResourceReference
            {
                Identifier = patient.GeneralPractitionerNumber is { } number ? new Identifier(CaseHubUrls.Ydernummer, number) : null,
                Display = patient.GeneralPractitionerName,
            });
        }

        return resource;
    }

    /// <summary>
    /// What the resource says about the patient, in the shape the domain use cases take. Only what the profile
    /// validator cannot know is checked here: that the birth date agrees with the CPR number.
    /// </summary>
    public static (PatientDetails Details, IReadOnlyList<FhirIssue> Issues) FromFhir(Hl7.Fhir.Model.Patient resource)
    {
        var cpr = resource.Identifier.FirstOrDefault(i => i.System == CprNumber.FhirSystem)?.Value;
        var name = resource.Name.FirstOrDefault();
        var municipality = resource.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.MunicipalityOfResidence)?.Value as Coding;
        var gp = resource.GeneralPractitioner.FirstOrDefault();
        var details = new PatientDetails(
            cpr,
            name?.Given.FirstOrDefault(),
            name?.Family,
            municipality?.Code,
            resource.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            resource.Address.FirstOrDefault()?.Text,
            gp?.Identifier?.Value,
            gp?.Display);

        var issues = new List<FhirIssue>();
        if (CprNumber.TryParse(cpr, out var parsed, out _) && resource.BirthDate is { } birthDate && birthDate != FhirTime.Date(parsed.BirthDate))
        {
            issues.Add(new FhirIssue(IssueType.BusinessRule, "Patient.birthDate", $"Fødselsdatoen skal være {FhirTime.Date(parsed.BirthDate)} ifølge CPR-nummeret."));
        }

        return (details, issues);
    }

    /// <summary>Where a domain field error belongs in the resource.</summary>
    public static string PathOf(string field) => field switch
    {
        nameof(PatientDetails.Cpr) => "Patient.identifier.where(system='urn:oid:1.2.208.176.1.2').value",
        nameof(PatientDetails.GivenName) => "Patient.name[0].given[0]",
        nameof(PatientDetails.FamilyName) => "Patient.name[0].family",
        nameof(PatientDetails.MunicipalityCode) => $"Patient.extension.where(url='{CaseHubUrls.MunicipalityOfResidence}').value.code",
        nameof(PatientDetails.Phone) => "Patient.telecom[0].value",
        nameof(PatientDetails.Address) => "Patient.address[0].text",
        nameof(PatientDetails.GeneralPractitionerNumber) => "Patient.generalPractitioner[0].identifier.value",
        _ => "Patient",
    };
}
