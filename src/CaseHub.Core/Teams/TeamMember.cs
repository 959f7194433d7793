using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;

namespace CaseHub.Core.Teams;

/// <summary>What a member of Patientens Team is to the patient.</summary>
public enum TeamRole
{
    /// <summary>A staff user of a region, a municipality or Psykiatriens Hus.</summary>
    Staff,
    Patient,
    Relative,
    Bisidder,
    GeneralPractitioner,
    Other,
}

/// <summary>One person in Patientens Team: a CaseHub staff user, or an external person with contact details.</summary>
public class TeamMember
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public Patient? Patient { get; set; }

    public TeamRole Role { get; set; }

    /// <summary>Set for staff members; the access policy lets an active staff member read the case.</summary>
    public Guid? StaffUserId { get; set; }

    public StaffUser? StaffUser { get; set; }

    public Guid? OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public required string Name { get; set; }

    /// <summary>The member's function in the team, e.g. "Kontaktperson" or "Mor".</summary>
    public string? Function { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public DateTime AddedAt { get; set; }

    public required string AddedByName { get; set; }

    public DateTime? RemovedAt { get; set; }

    public int Version { get; set; }

    public bool IsActive => RemovedAt is null;

    /// <summary>The sector a staff member works in; null for external people.</summary>
    public Sector? Sector => Organization is { } o ? o.Sector : null;
}

/// <summary>
/// The stafetholder (forløbskoordinator) of one sector for one patient over a period. Ending one and starting the
/// next keeps the history.
/// </summary>
public class Stafetholder
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public Sector Sector { get; set; }

    public Guid TeamMemberId { get; set; }

    public TeamMember? TeamMember { get; set; }

    public DateTime From { get; set; }

    public DateTime? To { get; set; }

    public required string AssignedByName { get; set; }

    /// <summary>
    /// The sector while this stafetholder is active, null after. A unique index on (patient, active sector) makes
    /// the database refuse a second active stafetholder in a sector, also under concurrent requests (both
    /// providers ignore nulls in it).
    /// </summary>
    public Sector? ActiveSector { get; set; }

    public bool IsActive => To is null;
}

/// <summary>Danish names for the team vocabulary.</summary>
public static class TeamTexts
{
    public static string Danish(this TeamRole role) => role switch
    {
        TeamRole.Staff => "Medarbejder",
        TeamRole.Patient => "Borgeren selv",
        TeamRole.Relative => "Pårørende",
        TeamRole.Bisidder => "Bisidder",
        TeamRole.GeneralPractitioner => "Praktiserende læge",
        TeamRole.Other => "Andet",
        _ => role.ToString(),
    };

    public static string Danish(this Sector sector) => sector switch
    {
        Sector.Region => "Regionen",
        Sector.Municipality => "Kommunen",
        Sector.Shared => "Psykiatriens Hus",
        _ => sector.ToString(),
    };
}
