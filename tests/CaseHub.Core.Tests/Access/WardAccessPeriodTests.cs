using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Flags;
using CaseHub.Core.Flags.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Tests.Access;

/// <summary>A ward keeps access while the patient is admitted and for a set period after the discharge, not forever.</summary>
public class WardAccessPeriodTests
{
    private const string Peter = "2808691122";  // discharged from S4 10 days ago, active agreement written by S4
    private const string Henrik = "1111881118"; // discharged from S4 40 days ago, no document

    [Fact]
    public async Task The_ward_reads_a_patient_discharged_within_the_period_and_not_one_discharged_before_it()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var policy = new PatientAccessPolicy(db, test.Clock);
        var s4 = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");

        Assert.Equal("admission-ward", (await policy.DecideAsync(s4, await PatientAsync(db, Peter), DataKind.Case, AccessMode.Write)).Rule);
        Assert.False((await policy.DecideAsync(s4, await PatientAsync(db, Henrik), DataKind.Case, AccessMode.Read)).Allowed);
        Assert.DoesNotContain(await PatientAsync(db, Henrik), await policy.VisiblePatients(s4).Select(p => p.Id).ToListAsync());
    }

    [Fact]
    public async Task After_the_period_only_the_documents_the_ward_wrote_remain()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var s4 = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");
        var peter = await PatientAsync(db, Peter);

        test.Clock.Advance(TimeSpan.FromDays(21)); // 31 days after the discharge
        var policy = new PatientAccessPolicy(db, test.Clock);

        // Still in Patientens Team: the team relation reads the case, but the ward may no longer change it.
        Assert.Equal("team-member", (await policy.DecideAsync(s4, peter, DataKind.Case, AccessMode.Read)).Rule);
        Assert.False((await policy.DecideAsync(s4, peter, DataKind.Case, AccessMode.Write)).Allowed);

        // Out of the team: only the agreement the ward wrote remains.
        var membership = await db.TeamMembers.SingleAsync(m => m.PatientId == peter && m.StaffUserId == s4.UserId);
        membership.RemovedAt = test.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        Assert.False((await policy.DecideAsync(s4, peter, DataKind.Case, AccessMode.Read)).Allowed);
        Assert.False((await policy.DecideAsync(s4, peter, DataKind.Team, AccessMode.Read)).Allowed);
        var document = await policy.DecideAsync(s4, peter, DataKind.Document, AccessMode.Write);
        Assert.True(document.Allowed);
        Assert.Equal("document-authoring-ward", document.Rule);
    }

    [Fact]
    public async Task A_patient_admitted_now_is_visible_however_long_ago_an_earlier_stay_ended()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var s4 = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");
        test.Clock.Advance(TimeSpan.FromDays(365));

        var mette = await PatientAsync(db, "1203851236"); // still admitted on S4
        Assert.True((await new PatientAccessPolicy(db, test.Clock).DecideAsync(s4, mette, DataKind.Case, AccessMode.Read)).Allowed);
    }

    [Fact]
    public async Task The_period_is_a_setting()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var s4 = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");
        var longer = new PatientAccessPolicy(db, test.Clock, Options.Create(new AccessSettings { WardAccessDaysAfterDischarge = 60 }));
        var shorter = new PatientAccessPolicy(db, test.Clock, Options.Create(new AccessSettings { WardAccessDaysAfterDischarge = 5 }));

        Assert.True((await longer.DecideAsync(s4, await PatientAsync(db, Henrik), DataKind.Case, AccessMode.Read)).Allowed);
        // Peter left 10 days ago; S4 is in his team, so only the ward's own (writing) relation ends.
        Assert.False((await shorter.DecideAsync(s4, await PatientAsync(db, Peter), DataKind.Case, AccessMode.Write)).Allowed);
    }

    [Fact]
    public async Task A_ward_with_an_open_missing_plan_flag_about_the_stay_reaches_the_case_until_the_flag_is_resolved_or_dismissed()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var s4 = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s4");
        var s3 = await PatientAccessPolicyTests.UserAsync(db, "kontakt.s3");
        var henrik = await PatientAsync(db, Henrik);
        var policy = new PatientAccessPolicy(db, test.Clock);
        Assert.False((await policy.DecideAsync(s4, henrik, DataKind.Case, AccessMode.Read)).Allowed);

        // Henrik was discharged from S4 40 days ago without an agreement or plan: the rule raises it for S4.
        var evaluator = new FlagEvaluator(db, [new MissingAtDischargeRule()], test.Clock, Options.Create(new FlagSettings()));
        Assert.Equal(1, Assert.Single(await evaluator.EvaluateAsync()).Raised);

        var decision = await policy.DecideAsync(s4, henrik, DataKind.Case, AccessMode.Write);
        Assert.Equal("missing-plan-flag-ward", decision.Rule);
        Assert.True((await policy.DecideAsync(s4, henrik, DataKind.Document, AccessMode.Write)).Allowed);
        Assert.False((await policy.DecideAsync(s4, henrik, DataKind.Meeting, AccessMode.Read)).Allowed); // the flag reaches the case and the plan only
        Assert.Contains(henrik, await policy.VisiblePatients(s4).Select(p => p.Id).ToListAsync());
        Assert.False((await policy.DecideAsync(s3, henrik, DataKind.Case, AccessMode.Read)).Allowed); // another ward: no flag of its own

        // A plan for the stay in force ends it at once, before the flag job has resolved the flag.
        var stay = await db.Admissions.SingleAsync(a => a.PatientId == henrik);
        var plan = new CareDocument
        {
            Kind = DocumentKind.CoordinationPlan, Status = DocumentStatus.Accepted, PatientId = henrik, AdmissionId = stay.Id,
            AuthoringWardId = stay.WardId, ReceivingMunicipalityId = await db.Patients.Where(p => p.Id == henrik).Select(p => p.MunicipalityId).SingleAsync(), CreatedAt = stay.Start, UpdatedAt = stay.Start, Version = 1,
        };
        plan.SeriesId = plan.Id;
        db.CareDocuments.Add(plan);
        await db.SaveChangesAsync();
        Assert.False((await policy.DecideAsync(s4, henrik, DataKind.Case, AccessMode.Read)).Allowed);
        db.CareDocuments.Remove(plan);
        await db.SaveChangesAsync();
        Assert.True((await policy.DecideAsync(s4, henrik, DataKind.Case, AccessMode.Read)).Allowed);

        // Dismissed with a reason (or resolved by a plan): the period after discharge applies again.
        var flag = await db.Flags.SingleAsync();
        var dismissed = await new FlagDismissal(db, test.Clock).DismissAsync(s4, flag.Id, flag.Version, "Borgeren ønskede hverken aftale eller plan");
        Assert.True(dismissed.Succeeded);
        Assert.False((await policy.DecideAsync(s4, henrik, DataKind.Case, AccessMode.Read)).Allowed);
        Assert.DoesNotContain(henrik, await policy.VisiblePatients(s4).Select(p => p.Id).ToListAsync());
    }

    private static Task<Guid> PatientAsync(CaseHub.Core.Data.CaseHubDbContext db, string cpr) => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync();
}
