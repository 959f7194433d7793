using CaseHub.Core.Access;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Access;

public class PatientAccessPolicyTests
{
    /// <summary>The demo user as the policy sees them.</summary>
    internal static async Task<CurrentUser> UserAsync(CaseHubDbContext db, string username)
    {
        var u = await db.StaffUsers.Include(x => x.Organization).SingleAsync(x => x.Username == username);
        return new CurrentUser(u.Id, u.Username, u.Name, u.OrganizationId, u.Organization!.Name, u.Organization.Kind, u.Organization.ParentId, u.Roles);
    }

    private static Task<Guid> PatientAsync(CaseHubDbContext db, string cpr) => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync();

    [Theory]
    [InlineData("kontakt.s4", "1203851236", true)]   // admitted to S4
    [InlineData("kontakt.s3", "1203851236", false)]  // another ward in the same region, no relation
    [InlineData("kontakt.aarhus", "1203851236", false)] // a ward in another region
    [InlineData("sag.aalborg", "1203851236", true)]  // lives in Aalborg
    [InlineData("sag.hjoerring", "1203851236", false)] // another municipality
    [InlineData("sag.hjoerring", "2311780825", true)] // lives in Hjørring
    [InlineData("analytiker", "1203851236", false)]  // analysts see aggregates only
    [InlineData("admin", "1203851236", false)]       // administrators read the audit trail, not the case
    public async Task Case_read_follows_the_relation(string username, string cpr, bool allowed)
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var policy = new PatientAccessPolicy(db);
        var decision = await policy.DecideAsync(await UserAsync(db, username), await PatientAsync(db, cpr), DataKind.Case, AccessMode.Read);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public async Task Lists_contain_exactly_the_patients_single_decisions_allow()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var policy = new PatientAccessPolicy(db);
        foreach (var username in DemoData.Users.Select(u => u.Username))
        {
            var user = await UserAsync(db, username);
            var visible = await policy.VisiblePatients(user).Select(p => p.Id).ToListAsync();
            foreach (var patientId in await db.Patients.Select(p => p.Id).ToListAsync())
            {
                var decision = await policy.DecideAsync(user, patientId, DataKind.Case, AccessMode.Read);
                Assert.Equal(decision.Allowed, visible.Contains(patientId));
            }
        }
    }

    [Fact]
    public async Task An_administrator_may_read_the_audit_trail_of_any_patient()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var decision = await new PatientAccessPolicy(db).DecideAsync(
            await UserAsync(db, "admin"), await PatientAsync(db, "1203851236"), DataKind.AuditTrail, AccessMode.Read);
        Assert.True(decision.Allowed);
        Assert.Equal("administrator-audit", decision.Rule);
        Assert.Contains(Roles.Administrator, (await UserAsync(db, "admin")).Roles);
    }
}
