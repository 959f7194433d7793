using CaseHub.Core.Access;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using CaseHub.Core.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Teams;

/// <summary>Shortcuts for the team, meeting and consent tests.</summary>
internal static class TeamFixture
{
    public const string Mette = "1203851236";   // Aalborg, on S4
    public const string Jonas = "0507921417";   // Aalborg, on S3
    public const string Susanne = "2311780825"; // Hjørring

    public static Task<CurrentUser> UserAsync(CaseHubDbContext db, string username) => PatientAccessPolicyTests.UserAsync(db, username);

    public static Task<Guid> PatientAsync(CaseHubDbContext db, string cpr) => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync();

    /// <summary>Adds a staff user to the patient's team (or returns the existing membership).</summary>
    public static async Task<TeamMember> MemberAsync(CaseHubDbContext db, TimeProvider clock, Guid patientId, string username)
    {
        var staffId = await db.StaffUsers.Where(s => s.Username == username).Select(s => s.Id).SingleAsync();
        var existing = await db.TeamMembers.FirstOrDefaultAsync(m => m.PatientId == patientId && m.StaffUserId == staffId && m.RemovedAt == null);
        if (existing is not null)
        {
            return existing;
        }

        var outcome = await new TeamService(db, clock).AddStaffAsync(await UserAsync(db, "hus.aalborg"), patientId, staffId, null);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        return outcome.Value!;
    }

    public static Sector SectorOf(CurrentUser user) => user.Sector;
}
