namespace CaseHub.Core.Indicators;

/// <summary>One row of the population table (FOLK1A style): residents of one age in one municipality in one quarter.</summary>
public class PopulationCount
{
    public long Id { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    /// <summary>The 4-digit municipality code (0851).</summary>
    public required string MunicipalityCode { get; set; }

    public int Age { get; set; }

    public int Count { get; set; }
}

/// <summary>The kinds of measure in a register extract, with the codes the extract uses.</summary>
public enum RegisterMeasureType
{
    BeltRestraint,
    PhysicalHolding,
    ForcedSedation,
    CompulsoryAdmission,
    CompulsoryDetention,
    DischargeAgreement,
    CoordinationPlan,
}

/// <summary>
/// One registered measure from the national coercion register extract. Identified by a pseudonymous person key, never
/// a CPR number. The period, half-year and age columns are derived once at import so the computation can group on the
/// database instead of in memory.
/// </summary>
public class RegisterMeasure
{
    public long Id { get; set; }

    /// <summary>The register's id of the measure; re-importing it replaces the row.</summary>
    public required string MeasureId { get; set; }

    public required string PersonKey { get; set; }

    public DateOnly BirthDate { get; set; }

    /// <summary>Municipality of residence, 4 digits.</summary>
    public required string MunicipalityCode { get; set; }

    /// <summary>Region of the ward where the measure took place, 1081-1085.</summary>
    public required string RegionCode { get; set; }

    public required string WardSor { get; set; }

    public RegisterMeasureType Type { get; set; }

    /// <summary>Start (UTC).</summary>
    public DateTime Start { get; set; }

    /// <summary>End (UTC), where it applies.</summary>
    public DateTime? End { get; set; }

    /// <summary>The year the measure starts in, in Danish time.</summary>
    public int Year { get; set; }

    /// <summary>1 for January-June, 2 for July-December (Danish time).</summary>
    public int Half { get; set; }

    /// <summary>Age at the start of the measure.</summary>
    public int AgeAtStart { get; set; }

    /// <summary>0-17 at the start of the measure.</summary>
    public bool IsChild { get; set; }

    /// <summary>End minus start in hours, where there is an end.</summary>
    public double? DurationHours { get; set; }
}

/// <summary>One psychiatric admission from an admissions extract; the denominator of episodes per admitted patient.</summary>
public class AdmissionExtractRow
{
    public long Id { get; set; }

    public required string AdmissionId { get; set; }

    public required string PersonKey { get; set; }

    public DateOnly BirthDate { get; set; }

    public required string MunicipalityCode { get; set; }

    public required string RegionCode { get; set; }

    public required string WardSor { get; set; }

    /// <summary>Start (UTC).</summary>
    public DateTime Start { get; set; }

    /// <summary>End (UTC); empty while the patient is admitted.</summary>
    public DateTime? End { get; set; }

    public required string LegalBasis { get; set; }
}

/// <summary>The area an indicator result is computed for.</summary>
public enum AreaType
{
    Nation,
    Region,
    Municipality,
}

/// <summary>The age group of an indicator result: all, adults (18+) or children (0-17), by age at the start.</summary>
public enum AgeGroup
{
    All,
    Adults,
    Children,
}

/// <summary>
/// One figure for one indicator, period, area and age group. The five together are unique, so recomputing updates the
/// row in place. Values are exact; the publication rules are applied on the way out (<see cref="Publication"/>).
/// </summary>
public class IndicatorResult
{
    public long Id { get; set; }

    public required string IndicatorId { get; set; }

    /// <summary><c>2024</c> or <c>2024H1</c>.</summary>
    public required string Period { get; set; }

    public AreaType AreaType { get; set; }

    /// <summary><c>DK</c> for the nation, 1081-1085 for a region, the 4-digit code for a municipality.</summary>
    public required string AreaCode { get; set; }

    public required string AreaName { get; set; }

    public AgeGroup AgeGroup { get; set; }

    /// <summary>The count the figure is built on (episodes, persons, or belt restraints with an end for the hours).</summary>
    public long Numerator { get; set; }

    /// <summary>Population (2nd quarter), or admitted patients; empty for the hours.</summary>
    public long? Denominator { get; set; }

    /// <summary>Per 100,000 citizens, hours, or episodes per admitted patient; empty when it cannot be computed.</summary>
    public double? Value { get; set; }

    /// <summary>The same figure for 2021-2023 (same kind of period); empty when the baseline years are not all present.</summary>
    public double? BaselineValue { get; set; }

    /// <summary>The mean count of the baseline years, so the publication rules can be applied to the baseline too.</summary>
    public double? BaselineNumerator { get; set; }

    public double? ChangePct { get; set; }

    /// <summary>The count (or the admitted patients) is 1-4, so a published figure must show -1.</summary>
    public bool Suppressed { get; set; }

    public DateTime ComputedAt { get; set; }
}
