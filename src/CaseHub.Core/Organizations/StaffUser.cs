namespace CaseHub.Core.Organizations;

/// <summary>The roles a staff user can hold; the strings are the Entra ID app role values.</summary>
public static class Roles
{
    public const string MunicipalCaseworker = "MunicipalCaseworker";
    public const string PsychiatryContactPerson = "PsychiatryContactPerson";
    public const string HouseCoordinator = "HouseCoordinator";
    public const string Analyst = "Analyst";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All =
        [MunicipalCaseworker, PsychiatryContactPerson, HouseCoordinator, Analyst, Administrator];

    /// <summary>The Danish name users see.</summary>
    public static string DanishName(string role) => role switch
    {
        MunicipalCaseworker => "Sagsbehandler",
        PsychiatryContactPerson => "Kontaktperson, psykiatrien",
        HouseCoordinator => "Koordinator, Psykiatriens Hus",
        Analyst => "Analytiker",
        Administrator => "Administrator",
        _ => role,
    };
}

/// <summary>A member of staff who signs in; belongs to exactly one organization.</summary>
public class StaffUser
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The demo user name in Development, or the Entra ID object id (oid) in production.</summary>
    public required string Username { get; set; }

    public required string Name { get; set; }

    public string? Title { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public Guid OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    /// <summary>Role values from <see cref="Roles"/>, comma separated in storage.</summary>
    public List<string> Roles { get; set; } = [];

    public bool IsDemo { get; set; }
}
