using CaseHub.Core.Admissions;
using CaseHub.Core.Organizations;
using CaseHub.Core.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Admissions;

public class AdmitPatientTests
{
    private static AdmitPatient.Command Valid(string cpr = "0101901234") => new(
        cpr, "Ole", "Olsen", ReferenceData.Codes.Aalborg, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10),
        LegalBasis.CompulsoryAdmission, TargetGroupMarking.None, null);

    [Fact]
    public async Task A_new_patient_is_created_with_the_admission_at_the_users_ward()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var user = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");

        var outcome = await new AdmitPatient(db, test.Clock).ExecuteAsync(user, Valid());

        Assert.True(outcome.Succeeded);
        await using var check = test.NewContext();
        var patient = await check.Patients.Include(p => p.Admissions).SingleAsync(p => p.Cpr == "0101901234");
        Assert.Equal(new DateOnly(1990, 1, 1), patient.BirthDate);
        var admission = Assert.Single(patient.Admissions);
        Assert.Equal(user.OrganizationId, admission.WardId);
        Assert.True(admission.IsInTargetGroup);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var user = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");
        var before = await db.Patients.CountAsync();

        var outcome = await new AdmitPatient(db, test.Clock).ExecuteAsync(user, Valid("3102901234") with
        {
            GivenName = " ",
            PlannedDischargeDate = new DateOnly(2026, 2, 1),
            TargetGroupMarking = TargetGroupMarking.Excluded,
        });

        Assert.False(outcome.Succeeded);
        Assert.Contains("gyldig dato", outcome.Errors["Cpr"], StringComparison.Ordinal);
        Assert.Contains("fornavn", outcome.Errors["GivenName"], StringComparison.Ordinal);
        Assert.Contains("før indlæggelsesdatoen", outcome.Errors["PlannedDischargeDate"], StringComparison.Ordinal);
        Assert.Contains("begrundelse", outcome.Errors["TargetGroupReason"], StringComparison.Ordinal);
        await using var check = test.NewContext();
        Assert.Equal(before, await check.Patients.CountAsync());
    }

    [Fact]
    public async Task A_patient_who_is_already_admitted_cannot_be_admitted_twice()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var user = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s3");

        var outcome = await new AdmitPatient(db, test.Clock).ExecuteAsync(user, Valid("1203851236"));

        Assert.False(outcome.Succeeded);
        Assert.Contains("allerede indlagt", outcome.Errors["Cpr"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_discharged_patient_can_be_admitted_again()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var user = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s3");

        var outcome = await new AdmitPatient(db, test.Clock).ExecuteAsync(user, Valid("1502832345"));

        Assert.True(outcome.Succeeded);
        await using var check = test.NewContext();
        var patient = await check.Patients.Include(p => p.Admissions).SingleAsync(p => p.Cpr == "1502832345");
        Assert.Equal(2, patient.Admissions.Count);
        Assert.Single(patient.Admissions, a => a.IsCurrent);
    }

    [Fact]
    public async Task Only_ward_contact_persons_may_admit()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var user = await PatientAccessPolicyTests.UserAsync(db, "sag.aalborg");

        var outcome = await new AdmitPatient(db, test.Clock).ExecuteAsync(user, Valid());

        Assert.False(outcome.Succeeded);
    }
}

public class TargetGroupTests
{
    [Fact]
    public void The_query_and_the_rule_agree_for_every_combination()
    {
        var query = Admission.InTargetGroupQuery.Compile();
        foreach (var basis in Enum.GetValues<LegalBasis>())
        {
            foreach (var marking in Enum.GetValues<TargetGroupMarking>())
            {
                var admission = new Admission { LegalBasis = basis, TargetGroupMarking = marking };
                Assert.Equal(Admission.InTargetGroup(basis, marking), query(admission));
            }
        }

        Assert.True(Admission.InTargetGroup(LegalBasis.CompulsoryDetention, TargetGroupMarking.None));
        Assert.False(Admission.InTargetGroup(LegalBasis.CompulsoryDetention, TargetGroupMarking.Excluded));
        Assert.True(Admission.InTargetGroup(LegalBasis.Voluntary, TargetGroupMarking.Section13aStk2));
        Assert.False(Admission.InTargetGroup(LegalBasis.Voluntary, TargetGroupMarking.None));
    }
}
