using System.Linq.Expressions;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;

namespace CaseHub.Core.Admissions;

/// <summary>The legal basis of a psychiatric admission (psykiatriloven).</summary>
public enum LegalBasis
{
    Voluntary,

    /// <summary>Tvangsindlæggelse.</summary>
    CompulsoryAdmission,

    /// <summary>Tvangstilbageholdelse.</summary>
    CompulsoryDetention,
}

/// <summary>How the ward has recorded the patient against the target group of §13a.</summary>
public enum TargetGroupMarking
{
    /// <summary>Nothing recorded: the legal basis alone decides.</summary>
    None,

    /// <summary>§13a stk. 1: known to receive social support because of reduced psychiatric functioning.</summary>
    Section13aStk1,

    /// <summary>§13a stk. 2: must be assumed not to seek the treatment or support needed.</summary>
    Section13aStk2,

    /// <summary>The ward has judged the patient outside the target group, with a reason.</summary>
    Excluded,
}

/// <summary>A stay on a psychiatric ward.</summary>
public class Admission
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public Patient? Patient { get; set; }

    public Guid WardId { get; set; }

    public Organization? Ward { get; set; }

    /// <summary>The hospital's episode-of-care identifier, when the admission came from a hospital notification.</summary>
    public string? EpisodeOfCareId { get; set; }

    public DateTime Start { get; set; }

    public DateTime? End { get; set; }

    public DateOnly? PlannedDischargeDate { get; set; }

    public LegalBasis LegalBasis { get; set; }

    public TargetGroupMarking TargetGroupMarking { get; set; }

    public string? TargetGroupReason { get; set; }

    public bool IsCurrent => End is null;

    /// <summary>
    /// In the target group of the missing-plan rules: recorded as §13a stk. 1 or 2, or admitted or detained by
    /// compulsion, unless the ward has excluded the patient with a reason.
    /// </summary>
    public bool IsInTargetGroup => InTargetGroup(LegalBasis, TargetGroupMarking);

    /// <summary>The target-group rule as a query, for the missing-plan rules and indicators (same rule as below).</summary>
    public static readonly Expression<Func<Admission, bool>> InTargetGroupQuery = a =>
        a.TargetGroupMarking == TargetGroupMarking.Section13aStk1
        || a.TargetGroupMarking == TargetGroupMarking.Section13aStk2
        || (a.TargetGroupMarking != TargetGroupMarking.Excluded
            && (a.LegalBasis == LegalBasis.CompulsoryAdmission || a.LegalBasis == LegalBasis.CompulsoryDetention));

    /// <summary>The target-group rule on its own, for queries that project the two fields.</summary>
    public static bool InTargetGroup(LegalBasis basis, TargetGroupMarking marking) => marking switch
    {
        TargetGroupMarking.Excluded => false,
        TargetGroupMarking.Section13aStk1 or TargetGroupMarking.Section13aStk2 => true,
        _ => basis is LegalBasis.CompulsoryAdmission or LegalBasis.CompulsoryDetention,
    };
}

/// <summary>Danish names for the admission vocabulary.</summary>
public static class AdmissionTexts
{
    public static string Danish(this LegalBasis basis) => basis switch
    {
        LegalBasis.Voluntary => "Frivillig",
        LegalBasis.CompulsoryAdmission => "Tvangsindlæggelse",
        LegalBasis.CompulsoryDetention => "Tvangstilbageholdelse",
        _ => basis.ToString(),
    };

    public static string Danish(this TargetGroupMarking marking) => marking switch
    {
        TargetGroupMarking.None => "Ikke vurderet",
        TargetGroupMarking.Section13aStk1 => "§13a stk. 1",
        TargetGroupMarking.Section13aStk2 => "§13a stk. 2",
        TargetGroupMarking.Excluded => "Uden for målgruppen",
        _ => marking.ToString(),
    };
}
