using CaseHub.Core.Admissions;
using CaseHub.Core.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Admissions;

public class UpdateAdmissionTests
{
    [Fact]
    public async Task The_ward_discharges_its_patient_and_changes_the_marking()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var user = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");
        var admission = await db.Admissions.AsNoTracking().SingleAsync(a => a.Patient!.Cpr == "1203851236");
        var end = test.Clock.GetUtcNow().UtcDateTime.AddHours(-1);

        var outcome = await new UpdateAdmission(db, test.Clock).ExecuteAsync(user, admission.Id,
            new(end, null, LegalBasis.CompulsoryAdmission, TargetGroupMarking.Section13aStk2, " Søger ikke selv hjælp. "));

        Assert.True(outcome.Succeeded);
        await using var check = test.NewContext();
        var stored = await check.Admissions.SingleAsync(a => a.Id == admission.Id);
        Assert.Equal((end, TargetGroupMarking.Section13aStk2, "Søger ikke selv hjælp."), (stored.End!.Value, stored.TargetGroupMarking, stored.TargetGroupReason));
    }

    [Fact]
    public async Task Bad_changes_are_refused_field_by_field_and_other_wards_may_not_change_it()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var admission = await db.Admissions.AsNoTracking().SingleAsync(a => a.Patient!.Cpr == "1203851236");
        var s4 = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");

        var outcome = await new UpdateAdmission(db, test.Clock).ExecuteAsync(s4, admission.Id,
            new(admission.Start.AddDays(-1), DateOnly.FromDateTime(admission.Start).AddDays(-5), LegalBasis.Voluntary, TargetGroupMarking.Excluded, null));
        Assert.Equal(["End", "PlannedDischargeDate", "TargetGroupReason"], outcome.Errors.Keys.Order(StringComparer.Ordinal));

        var s3 = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s3");
        var other = await new UpdateAdmission(db, test.Clock).ExecuteAsync(s3, admission.Id, new(null, null, LegalBasis.Voluntary, TargetGroupMarking.None, null));
        Assert.True(other.Errors.ContainsKey(string.Empty));
        await using var check = test.NewContext();
        Assert.Equal(LegalBasis.CompulsoryAdmission, (await check.Admissions.SingleAsync(a => a.Id == admission.Id)).LegalBasis);
    }
}
