using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Fhir.Tests.Validation;

public class ProfileValidatorTests
{
    private static IReadOnlyList<FhirIssue> Validate<T>(string fixture, string profile)
        where T : Resource => Samples.Validator.Validate(Samples.Fixture<T>(fixture), profile);

    private static FhirIssue Single(IReadOnlyList<FhirIssue> issues, IssueType code, string path)
    {
        var issue = Assert.Single(issues);
        Assert.Equal(code, issue.Code);
        Assert.Equal(path, issue.Path);
        return issue;
    }

    [Fact]
    public void A_cpr_number_with_a_letter_breaks_the_invariant_on_the_patient()
    {
        var issue = Single(Validate<Patient>("patient-cpr-with-letter.json", CaseHubUrls.PatientProfile), IssueType.Invariant, "Patient");
        Assert.StartsWith("chp-1", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patient_without_a_cpr_identifier_misses_the_required_slice()
    {
        var issue = Single(Validate<Patient>("patient-without-cpr.json", CaseHubUrls.PatientProfile), IssueType.Required, "Patient.identifier");
        Assert.Contains("slice 'cpr'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_names_exceed_the_maximum_cardinality() =>
        Single(Validate<Patient>("patient-two-names.json", CaseHubUrls.PatientProfile), IssueType.Structure, "Patient.name");

    [Fact]
    public void The_municipality_of_residence_is_required() =>
        Single(Validate<Patient>("patient-without-municipality.json", CaseHubUrls.PatientProfile), IssueType.Required, "Patient.extension");

    [Fact]
    public void The_gp_is_identified_by_ydernummer_a_fixed_system() =>
        Single(Validate<Patient>("patient-gp-not-ydernummer.json", CaseHubUrls.PatientProfile), IssueType.Value, "Patient.generalPractitioner[0].identifier.system");

    [Fact]
    public void A_legal_basis_outside_our_value_set_is_refused_at_the_extension_value()
    {
        var issue = Single(Validate<Encounter>("encounter-unknown-legal-basis.json", CaseHubUrls.AdmissionProfile), IssueType.CodeInvalid, "Encounter.extension[0].value");
        Assert.Contains("court-order", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admission_is_an_inpatient_encounter() =>
        Single(Validate<Encounter>("encounter-outpatient-class.json", CaseHubUrls.AdmissionProfile), IssueType.Value, "Encounter.class");

    [Fact]
    public void The_legal_basis_is_required() =>
        Single(Validate<Encounter>("encounter-without-legal-basis.json", CaseHubUrls.AdmissionProfile), IssueType.Required, "Encounter.extension");

    [Fact]
    public void A_target_group_marking_needs_a_reason()
    {
        var issue = Single(Validate<Encounter>("encounter-marking-without-reason.json", CaseHubUrls.AdmissionProfile), IssueType.Invariant, "Encounter");
        Assert.StartsWith("cha-1", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_planned_discharge_before_the_admission_breaks_the_invariant()
    {
        var issue = Single(Validate<Encounter>("encounter-planned-before-start.json", CaseHubUrls.AdmissionProfile), IssueType.Invariant, "Encounter");
        Assert.StartsWith("cha-3", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_organization_has_exactly_one_official_code()
    {
        var issue = Single(Validate<Organization>("organization-two-official-codes.json", CaseHubUrls.OrganizationProfile), IssueType.Invariant, "Organization");
        Assert.StartsWith("cho-1", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_organization_kind_must_come_from_our_code_system() =>
        Single(Validate<Organization>("organization-unknown-kind.json", CaseHubUrls.OrganizationProfile), IssueType.CodeInvalid, "Organization.type[0]");

    [Fact]
    public void An_extension_is_checked_against_its_own_profile_value_required()
    {
        var encounter = Samples.Example<Encounter>("Encounter-admission-mette-kristensen.json");
        encounter.Extension[0].Value = null;
        Single(Samples.Validator.Validate(encounter, CaseHubUrls.AdmissionProfile), IssueType.Required, "Encounter.extension[0].value");
    }

    [Fact]
    public void A_fixed_code_is_compared_as_a_literal()
    {
        var patient = Samples.Example<Patient>("Patient-mette-kristensen.json");
        patient.Telecom[0].System = ContactPoint.ContactPointSystem.Email;
        var issue = Single(Samples.Validator.Validate(patient, CaseHubUrls.PatientProfile), IssueType.Value, "Patient.telecom[0].system");
        Assert.Contains("'phone'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_of_another_type_than_the_profile_is_refused_at_resource_type() =>
        Single(Samples.Validator.Validate(Samples.Example<Patient>("Patient-mette-kristensen.json"), CaseHubUrls.AdmissionProfile), IssueType.Invalid, "resourceType");
}
