using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Core.Tests.Teams.TeamFixture;

namespace CaseHub.Core.Tests.Teams;

public class TeamServiceTests
{
    [Fact]
    public async Task Changing_the_stafetholder_keeps_one_active_per_sector_and_the_history()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var patient = await PatientAsync(db, Jonas);
        var s3 = await MemberAsync(db, test.Clock, patient, "kontakt.s3");
        var s4 = await MemberAsync(db, test.Clock, patient, "kontakt.s4");
        var municipal = await MemberAsync(db, test.Clock, patient, "sag.aalborg");
        var service = new TeamService(db, test.Clock);
        var user = await UserAsync(db, "kontakt.s3");

        Assert.True((await service.AssignStafetholderAsync(user, patient, Sector.Region, s3.Id)).Succeeded);
        Assert.True((await service.AssignStafetholderAsync(user, patient, Sector.Municipality, municipal.Id)).Succeeded);
        test.Clock.Advance(TimeSpan.FromDays(3));
        Assert.True((await service.AssignStafetholderAsync(user, patient, Sector.Region, s4.Id)).Succeeded);

        await using var read = test.NewContext();
        var history = await read.Stafetholders.Where(s => s.PatientId == patient).ToListAsync();
        Assert.Equal(3, history.Count);
        var region = history.Where(s => s.Sector == Sector.Region).OrderBy(s => s.From).ToList();
        Assert.Equal([s3.Id, s4.Id], region.Select(s => s.TeamMemberId));
        Assert.Equal(region[1].From, region[0].To);
        Assert.Single(history, s => s.Sector == Sector.Region && s.To == null);
        Assert.Single(history, s => s.Sector == Sector.Municipality && s.To == null && s.TeamMemberId == municipal.Id);
    }

    [Fact]
    public async Task The_stafetholder_of_a_sector_must_be_a_staff_member_of_that_sector()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var patient = await PatientAsync(db, Jonas);
        var municipal = await MemberAsync(db, test.Clock, patient, "sag.aalborg");
        var house = await MemberAsync(db, test.Clock, patient, "hus.aalborg");
        var service = new TeamService(db, test.Clock);
        var user = await UserAsync(db, "sag.aalborg");

        var wrongSector = await service.AssignStafetholderAsync(user, patient, Sector.Region, municipal.Id);
        Assert.Contains("medarbejder fra regionen", wrongSector.Errors["RegionMemberId"], StringComparison.Ordinal);
        var houseAsMunicipal = await service.AssignStafetholderAsync(user, patient, Sector.Municipality, house.Id);
        Assert.False(houseAsMunicipal.Succeeded);
        var shared = await service.AssignStafetholderAsync(user, patient, Sector.Shared, house.Id);
        Assert.False(shared.Succeeded);
        Assert.False(await db.Stafetholders.AnyAsync(s => s.PatientId == patient));
    }

    [Fact]
    public async Task The_database_refuses_a_second_active_stafetholder_in_a_sector()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var patient = await PatientAsync(db, Jonas);
        var s3 = await MemberAsync(db, test.Clock, patient, "kontakt.s3");
        var s4 = await MemberAsync(db, test.Clock, patient, "kontakt.s4");
        var now = test.Clock.GetUtcNow().UtcDateTime;
        db.Stafetholders.AddRange(
            new Stafetholder { PatientId = patient, Sector = Sector.Region, ActiveSector = Sector.Region, TeamMemberId = s3.Id, From = now, AssignedByName = "x" },
            new Stafetholder { PatientId = patient, Sector = Sector.Region, ActiveSector = Sector.Region, TeamMemberId = s4.Id, From = now, AssignedByName = "x" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_stafetholder_cannot_be_removed_from_the_team_and_external_members_need_contact_details()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var patient = await PatientAsync(db, Jonas);
        var s3 = await MemberAsync(db, test.Clock, patient, "kontakt.s3");
        var service = new TeamService(db, test.Clock);
        var user = await UserAsync(db, "kontakt.s3");
        await service.AssignStafetholderAsync(user, patient, Sector.Region, s3.Id);

        var removal = await service.RemoveAsync(patient, s3.Id, s3.Version);
        Assert.Contains("stafetholder", removal.Errors[string.Empty], StringComparison.Ordinal);

        var noContact = await service.AddExternalAsync(user, patient, TeamRole.Relative, "Else Nielsen", "Mor", null, null);
        Assert.Equal("Angiv telefonnummer eller e-mail.", noContact.Errors["Phone"]);
        var noRole = await service.AddExternalAsync(user, patient, null, "Else Nielsen", null, "12345678", null);
        Assert.Equal("Vælg personens rolle i teamet.", noRole.Errors["Role"]);
        var ok = await service.AddExternalAsync(user, patient, TeamRole.Bisidder, "Ole Bisidder", null, "12345678", null);
        Assert.True(ok.Succeeded);

        var twice = await service.AddStaffAsync(user, patient, s3.StaffUserId, null);
        Assert.Equal("Medarbejderen er allerede med i teamet.", twice.Errors["StaffUserId"]);
    }
}
