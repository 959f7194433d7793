using CaseHub.Core.Admissions;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Fhir.Admissions;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Organizations;
using CaseHub.Fhir.Patients;
using Hl7.Fhir.Model;
using DomainOrganization = CaseHub.Core.Organizations.Organization;
using DomainPatient = CaseHub.Core.Patients.Patient;

namespace CaseHub.Fhir.Tests.Mapping;

/// <summary>Domain -> FHIR -> wire -> FHIR -> domain gives back everything the profiles define, and conforms on the way.</summary>
public class RoundTripTests
{
    private static readonly DomainOrganization Region = new() { Kind = OrganizationKind.Region, Code = "1081", Name = "Region Nordjylland" };
    private static readonly DomainOrganization Aalborg = new() { Kind = OrganizationKind.Municipality, Code = "0851", Name = "Aalborg Kommune", ParentId = Region.Id, Parent = Region };
    private static readonly DomainOrganization Ward = new()
    {
        Kind = OrganizationKind.HospitalWard, Code = "6121000016002", Name = "Psykiatrisk Afsnit S4", ParentId = Region.Id, Parent = Region, Phone = "97 64 30 10",
    };

    /// <summary>Through JSON and back, and checked against the profile, like a resource crossing the border.</summary>
    private static T OverTheWire<T>(T resource, string profile)
        where T : Resource
    {
        Assert.Empty(Samples.Validator.Validate(resource, profile));
        return Samples.Parse<T>(Samples.Serialization.Serialize(resource));
    }

    public static TheoryData<string?, string?, string?, string?> PatientVariants => new()
    {
        { "20 12 03 85", "Boulevarden 1, 9000 Aalborg", "012345", "Lægerne i Vestbyen" },
        { null, null, null, null },
        { null, "Vesterbro 2", null, "Lægehuset" },
    };

    [Theory]
    [MemberData(nameof(PatientVariants))]
    public void Patient(string? phone, string? address, string? gpNumber, string? gpName)
    {
        var patient = new DomainPatient
        {
            Cpr = "1203851236", GivenName = "Mette Marie", FamilyName = "Kristensen", BirthDate = new DateOnly(1985, 3, 12),
            MunicipalityId = Aalborg.Id, Municipality = Aalborg, Phone = phone, Address = address,
            GeneralPractitionerNumber = gpNumber, GeneralPractitionerName = gpName,
        };

        var resource = OverTheWire(PatientMapper.ToFhir(patient), CaseHubUrls.PatientProfile);
        var (details, issues) = PatientMapper.FromFhir(resource);

        Assert.Empty(issues);
        Assert.Equal(patient.Id.ToString(), resource.Id);
        Assert.Equal(new PatientDetails(patient.Cpr, patient.GivenName, patient.FamilyName, "0851", phone, address, gpNumber, gpName), details);
        Assert.Equal("1985-03-12", resource.BirthDate);
    }

    [Fact]
    public void A_birth_date_that_disagrees_with_the_cpr_number_is_an_issue_at_birthDate()
    {
        var resource = Samples.Example<Hl7.Fhir.Model.Patient>("Patient-mette-kristensen.json");
        resource.BirthDate = "1985-03-13";
        var (_, issues) = PatientMapper.FromFhir(resource);
        Assert.Equal("Patient.birthDate", Assert.Single(issues).Path);
    }

    [Theory]
    [InlineData(OrganizationKind.Region, "1082", "DK-82")]
    [InlineData(OrganizationKind.Municipality, "0851", "0851")]
    [InlineData(OrganizationKind.HospitalWard, "6121000016002", "6121000016002")]
    [InlineData(OrganizationKind.OutpatientUnit, "6121000016010", "6121000016010")]
    [InlineData(OrganizationKind.MunicipalUnit, "0851000000010", "0851000000010")]
    [InlineData(OrganizationKind.PsychiatricHouse, "6121000016100", "6121000016100")]
    public void Organization(OrganizationKind kind, string code, string identifier)
    {
        var org = new DomainOrganization
        {
            Kind = kind, Code = code, Name = "Enhed", Phone = kind == OrganizationKind.Region ? null : "99 31 31 31",
            ParentId = kind == OrganizationKind.Region ? null : Region.Id, Parent = kind == OrganizationKind.Region ? null : Region,
        };

        var resource = OverTheWire(OrganizationMapper.ToFhir(org), CaseHubUrls.OrganizationProfile);

        Assert.Equal(identifier, Assert.Single(resource.Identifier).Value);
        Assert.Equal(new OrganizationMapper.OrganizationData(kind, code, org.Name, org.Phone, org.ParentId), OrganizationMapper.FromFhir(resource));
    }

    [Fact]
    public void Staff_user_as_practitioner_and_role()
    {
        var user = new StaffUser
        {
            Username = "kontakt.s4", Name = "Camilla Berg", Title = "Sygeplejerske", Email = "c@example.dk", Phone = "12 34 56 78",
            OrganizationId = Ward.Id, Organization = Ward, Roles = [Roles.PsychiatryContactPerson, Roles.Analyst],
        };

        var practitioner = OverTheWire(StaffMapper.ToPractitioner(user), CaseHubUrls.PractitionerProfile);
        var role = OverTheWire(StaffMapper.ToPractitionerRole(user), CaseHubUrls.PractitionerRoleProfile);
        var data = StaffMapper.FromFhir(practitioner, role);

        Assert.Equal((user.Username, user.Name, user.Title, user.Email, user.Phone, user.OrganizationId), (data.Username, data.Name, data.Title, data.Email, data.Phone, data.OrganizationId));
        Assert.Equal(user.Roles, data.Roles);
    }

    public static TheoryData<LegalBasis, TargetGroupMarking, string?, bool, bool, string?> AdmissionVariants => new()
    {
        { LegalBasis.CompulsoryAdmission, TargetGroupMarking.None, null, false, true, null },
        { LegalBasis.Voluntary, TargetGroupMarking.Section13aStk1, "Modtager bostøtte.", true, false, "EOC-123" },
        { LegalBasis.CompulsoryDetention, TargetGroupMarking.Excluded, "Ikke relevant.", false, false, null },
        { LegalBasis.Voluntary, TargetGroupMarking.Section13aStk2, "Søger ikke selv hjælp.", true, true, null },
    };

    [Theory]
    [MemberData(nameof(AdmissionVariants))]
    public void Admission(LegalBasis basis, TargetGroupMarking marking, string? reason, bool ended, bool planned, string? episode)
    {
        // Summer time start, to prove the instant survives the Danish offset.
        var start = new DateTime(2026, 6, 30, 22, 0, 0, DateTimeKind.Utc);
        var admission = new Admission
        {
            PatientId = Guid.NewGuid(), WardId = Ward.Id, Ward = Ward, Start = start, End = ended ? start.AddDays(12).AddHours(3) : null,
            PlannedDischargeDate = planned ? new DateOnly(2026, 7, 14) : null, LegalBasis = basis, TargetGroupMarking = marking,
            TargetGroupReason = reason, EpisodeOfCareId = episode,
        };

        var resource = OverTheWire(EncounterMapper.ToFhir(admission), CaseHubUrls.AdmissionProfile);
        var (data, issues) = EncounterMapper.FromFhir(resource);

        Assert.Empty(issues);
        Assert.Equal("2026-07-01T00:00:00+02:00", resource.Period!.Start);
        Assert.Equal(
            new EncounterMapper.AdmissionData(admission.PatientId, admission.WardId, episode, admission.Start, admission.End, admission.PlannedDischargeDate, basis, marking, reason),
            data);
    }
}
