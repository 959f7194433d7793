using CaseHub.Core.Access;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Teams;

/// <summary>
/// Builds Patientens Team and designates the stafetholders. Callers have checked access (DataKind.Team, write)
/// through the patient guard; these use cases check the team's own rules.
/// </summary>
public sealed class TeamService(CaseHubDbContext db, TimeProvider clock)
{
    public const string ConflictMessage = "Teamet blev ændret af en anden i mellemtiden. Indlæs siden igen, og prøv igen.";

    public async Task<Outcome<TeamMember>> AddStaffAsync(
        CurrentUser user, Guid patientId, Guid? staffUserId, string? function, CancellationToken ct = default)
    {
        var staff = staffUserId is { } id
            ? await db.StaffUsers.Include(s => s.Organization).FirstOrDefaultAsync(s => s.Id == id, ct)
            : null;
        if (staff is null)
        {
            return Outcome<TeamMember>.Fail("StaffUserId", "Vælg en medarbejder.");
        }

        if (staff.Organization!.Sector is not (Sector.Region or Sector.Municipality or Sector.Shared)
            || staff.Roles.All(r => r is Roles.Analyst or Roles.Administrator))
        {
            return Outcome<TeamMember>.Fail("StaffUserId", "Kun medarbejdere fra region, kommune eller Psykiatriens Hus kan være med i teamet.");
        }

        if (await db.Set<TeamMember>().AnyAsync(m => m.PatientId == patientId && m.StaffUserId == staff.Id && m.RemovedAt == null, ct))
        {
            return Outcome<TeamMember>.Fail("StaffUserId", "Medarbejderen er allerede med i teamet.");
        }

        var member = new TeamMember
        {
            PatientId = patientId,
            Role = TeamRole.Staff,
            StaffUserId = staff.Id,
            OrganizationId = staff.OrganizationId,
            Name = staff.Name,
            Function = Clean(function) ?? staff.Title,
            Phone = staff.Phone ?? staff.Organization.Phone,
            Email = staff.Email,
            AddedAt = clock.GetUtcNow().UtcDateTime,
            AddedByName = user.Name,
        };
        db.Add(member);
        await db.SaveChangesAsync(ct);
        return Outcome<TeamMember>.Ok(member);
    }

    public async Task<Outcome<TeamMember>> AddExternalAsync(
        CurrentUser user, Guid patientId, TeamRole? role, string? name, string? function, string? phone, string? email,
        CancellationToken ct = default)
    {
        var errors = new FieldErrors()
            .Add("Role", "Vælg personens rolle i teamet.", role is null or TeamRole.Staff)
            .Add("Name", "Angiv navn.", string.IsNullOrWhiteSpace(name))
            .Add("Phone", "Angiv telefonnummer eller e-mail.", string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(email))
            .Add("Email", "E-mailadressen er ikke gyldig.", !string.IsNullOrWhiteSpace(email) && !email.Contains('@', StringComparison.Ordinal));
        if (errors.Any)
        {
            return Outcome<TeamMember>.Fail(errors);
        }

        var member = new TeamMember
        {
            PatientId = patientId,
            Role = role!.Value,
            Name = name!.Trim(),
            Function = Clean(function),
            Phone = Clean(phone),
            Email = Clean(email),
            AddedAt = clock.GetUtcNow().UtcDateTime,
            AddedByName = user.Name,
        };
        db.Add(member);
        await db.SaveChangesAsync(ct);
        return Outcome<TeamMember>.Ok(member);
    }

    public async Task<Outcome<TeamMember>> RemoveAsync(Guid patientId, Guid memberId, int version, CancellationToken ct = default)
    {
        var member = await db.Set<TeamMember>().FirstOrDefaultAsync(m => m.Id == memberId && m.PatientId == patientId && m.RemovedAt == null, ct);
        if (member is null)
        {
            return Outcome<TeamMember>.Fail(string.Empty, "Personen er ikke længere med i teamet.");
        }

        if (await db.Set<Stafetholder>().AnyAsync(s => s.TeamMemberId == memberId && s.To == null, ct))
        {
            return Outcome<TeamMember>.Fail(string.Empty, $"{member.Name} er stafetholder. Udpeg en ny stafetholder, før personen fjernes fra teamet.");
        }

        db.Entry(member).Property(m => m.Version).OriginalValue = version;
        member.RemovedAt = clock.GetUtcNow().UtcDateTime;
        member.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<TeamMember>.Fail(string.Empty, ConflictMessage);
        }

        return Outcome<TeamMember>.Ok(member);
    }

    /// <summary>
    /// Makes a staff member of the sector its stafetholder. The previous one is ended, not changed, so the history
    /// shows who held the relay when.
    /// </summary>
    public async Task<Outcome<Stafetholder>> AssignStafetholderAsync(
        CurrentUser user, Guid patientId, Sector sector, Guid? memberId, CancellationToken ct = default)
    {
        var field = StafetholderField(sector);
        var error = await CheckStafetholderAsync(patientId, sector, memberId, ct);
        if (error is not null)
        {
            return Outcome<Stafetholder>.Fail(field, error);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var holder = await StageStafetholderAsync(user, patientId, sector, memberId!.Value, ct);
        if (holder is null)
        {
            return Outcome<Stafetholder>.Fail(field, "Personen er allerede stafetholder for sektoren.");
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index refused a second active stafetholder: someone else assigned one at the same time.
            return Outcome<Stafetholder>.Fail(field, ConflictMessage);
        }

        return Outcome<Stafetholder>.Ok(holder);
    }

    public static string StafetholderField(Sector sector) => sector == Sector.Region ? "RegionMemberId" : "MunicipalityMemberId";

    /// <summary>Null when the member may be the sector's stafetholder, else why not (in Danish).</summary>
    internal async Task<string?> CheckStafetholderAsync(Guid patientId, Sector sector, Guid? memberId, CancellationToken ct)
    {
        if (sector is not (Sector.Region or Sector.Municipality))
        {
            return "Der udpeges en stafetholder for regionen og en for kommunen.";
        }

        var member = memberId is { } id
            ? await db.Set<TeamMember>().Include(m => m.Organization)
                .FirstOrDefaultAsync(m => m.Id == id && m.PatientId == patientId && m.RemovedAt == null, ct)
            : null;
        if (member is null)
        {
            return $"Vælg stafetholderen for {(sector == Sector.Region ? "regionen" : "kommunen")} blandt teamets medarbejdere.";
        }

        return member.Sector == sector
            ? null
            : $"Stafetholderen for {(sector == Sector.Region ? "regionen" : "kommunen")} skal være en medarbejder fra {(sector == Sector.Region ? "regionen" : "kommunen")}.";
    }

    /// <summary>Ends the current stafetholder of the sector (saved first) and adds the new one; null if unchanged.</summary>
    internal async Task<Stafetholder?> StageStafetholderAsync(CurrentUser user, Guid patientId, Sector sector, Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await db.Set<Stafetholder>().FirstOrDefaultAsync(s => s.PatientId == patientId && s.Sector == sector && s.To == null, ct);
        if (current?.TeamMemberId == memberId)
        {
            return null;
        }

        if (current is not null)
        {
            current.To = now;
            current.ActiveSector = null;

            // Saved before the new one is added so the unique index never sees two active holders.
            await db.SaveChangesAsync(ct);
        }

        var holder = new Stafetholder
        {
            PatientId = patientId,
            Sector = sector,
            TeamMemberId = memberId,
            From = now,
            ActiveSector = sector,
            AssignedByName = user.Name,
        };
        db.Add(holder);
        return holder;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
