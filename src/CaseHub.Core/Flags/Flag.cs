using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;

namespace CaseHub.Core.Flags;

/// <summary>
/// Something an organization must act on: raised by a rule about one subject (an admission, a document, a meeting, a
/// task, a consent), resolved by itself when the condition clears, or dismissed by a person with a reason.
/// One row per (rule, subject): running the rules again, or on two servers at once, never duplicates it.
/// </summary>
public class Flag
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public Patient? Patient { get; set; }

    /// <summary>The rule's stable id (see <see cref="IFlagRule.Id"/>).</summary>
    public required string Rule { get; set; }

    /// <summary>What the flag is about: admission, document, meeting, task, consent or patient.</summary>
    public required string SubjectKind { get; set; }

    public Guid SubjectId { get; set; }

    /// <summary>The organization that must act.</summary>
    public Guid OwnerOrganizationId { get; set; }

    public Organization? OwnerOrganization { get; set; }

    /// <summary>Another organization that sees the flag on its worklist (the municipality, for a missing plan).</summary>
    public Guid? WatcherOrganizationId { get; set; }

    /// <summary>The day the condition began (discharge day, due date, review date).</summary>
    public DateOnly? Since { get; set; }

    /// <summary>What is wrong, in Danish, without names or CPR numbers.</summary>
    public required string Summary { get; set; }

    public DateTime RaisedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    /// <summary>Who resolved it: null when the condition cleared by itself.</summary>
    public string? ResolvedBy { get; set; }

    public Guid? DismissedByUserId { get; set; }

    public string? DismissReason { get; set; }

    public int Version { get; set; }

    public bool IsOpen => ResolvedAt is null;

    public bool IsDismissed => DismissReason is not null;
}

/// <summary>A flag a rule wants to exist now.</summary>
public sealed record FlagCandidate(
    Guid PatientId,
    string SubjectKind,
    Guid SubjectId,
    Guid OwnerOrganizationId,
    Guid? WatcherOrganizationId,
    DateOnly? Since,
    string Summary);
