using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Organizations;

namespace CaseHub.Core.Patients;

/// <summary>A citizen (borger) whose care CaseHub coordinates.</summary>
public class Patient
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Ten digits, validated by <see cref="CprNumber"/> before it is stored.</summary>
    public required string Cpr { get; set; }

    public required string GivenName { get; set; }

    public required string FamilyName { get; set; }

    public DateOnly BirthDate { get; set; }

    /// <summary>The municipality of residence (bopælskommune).</summary>
    public Guid MunicipalityId { get; set; }

    public Organization? Municipality { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    /// <summary>The GP's ydernummer, when known.</summary>
    public string? GeneralPractitionerNumber { get; set; }

    public string? GeneralPractitionerName { get; set; }

    public List<Admission> Admissions { get; set; } = [];

    /// <summary>Udskrivningsaftaler and koordinationsplaner, all versions (the access policy follows the receiving municipality).</summary>
    public List<CareDocument> Documents { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>Age in whole years on the given day; 18 and over is an adult.</summary>
    public int AgeOn(DateOnly day) => Age.On(BirthDate, day);
}

/// <summary>Age rules shared by patients and indicator records.</summary>
public static class Age
{
    public const int AdultFrom = 18;

    public static int On(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        if (day < birthDate.AddYears(age))
        {
            age--;
        }

        return age;
    }
}
