using System.Linq.Expressions;
using CaseHub.Core.Organizations;

namespace CaseHub.Core.Consents;

/// <summary>
/// The patient's consent to exchange information across sectors (region, municipality, Psykiatriens Hus). Without
/// an active consent only what §13c allows crosses the border: the agreement or plan, not minutes or tasks.
/// </summary>
public class CrossSectorConsent
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public DateOnly GivenOn { get; set; }

    /// <summary>What may be shared, in the patient's words as recorded.</summary>
    public required string Scope { get; set; }

    /// <summary>The last day the consent covers, when the patient limited it.</summary>
    public DateOnly? ValidUntil { get; set; }

    public Guid RecordedByUserId { get; set; }

    public required string RecordedByName { get; set; }

    public DateTime RecordedAt { get; set; }

    public DateOnly? WithdrawnOn { get; set; }

    public string? WithdrawnByName { get; set; }

    public string? WithdrawalReason { get; set; }

    public int Version { get; set; }

    /// <summary>In force on the day: given, not yet withdrawn, not past its end. Same rule as <see cref="ActiveOn"/>.</summary>
    public bool IsActiveOn(DateOnly day) =>
        GivenOn <= day && (WithdrawnOn is null || WithdrawnOn > day) && (ValidUntil is null || ValidUntil >= day);

    /// <summary>The consents in force on a day, as a query. The access policy's house rule repeats it inline.</summary>
    public static Expression<Func<CrossSectorConsent, bool>> ActiveOn(DateOnly day) =>
        c => c.GivenOn <= day && (c.WithdrawnOn == null || c.WithdrawnOn > day) && (c.ValidUntil == null || c.ValidUntil >= day);
}

/// <summary>A forløb i Psykiatriens Hus: from start to end with a reason.</summary>
public class HouseCourse
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public Patients.Patient? Patient { get; set; }

    public Guid HouseId { get; set; }

    public Organization? House { get; set; }

    /// <summary>The day the region confirmed the patient is referred (visiteret) to its services.</summary>
    public DateOnly RegionReferralConfirmedOn { get; set; }

    /// <summary>The day the municipality confirmed the patient is referred to its services.</summary>
    public DateOnly MunicipalityReferralConfirmedOn { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? EndReason { get; set; }

    public required string StartedByName { get; set; }

    public int Version { get; set; }

    public bool IsActive => EndDate is null;
}
