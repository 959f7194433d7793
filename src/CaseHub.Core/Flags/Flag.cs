using CaseHub.Core.Access;
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

    /// <summary>What the flag is about: one of <see cref="FlagSubject"/>.</summary>
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

/// <summary>The kinds of subject a flag can be about.</summary>
public static class FlagSubject
{
    public const string Admission = "admission";
    public const string Document = "document";
    public const string Meeting = "meeting";
    public const string Task = "task";
    public const string Consent = "consent";

    /// <summary>The data a flag about this kind of subject concerns: what a user must be allowed to see or change to act on it.</summary>
    public static DataKind DataKindOf(string subjectKind) => subjectKind switch
    {
        Document => DataKind.Document,
        Meeting => DataKind.Meeting,
        Task => DataKind.FollowUp,
        Consent => DataKind.Consent,
        _ => DataKind.Case,
    };

    /// <summary>
    /// The flags a user may see: those whose patient's case, or whose subject's data, the user may read. A ward keeps
    /// its own agreement after its access to the case has ended, and the agreement's review falls due months later;
    /// the house records a consent that has run out without seeing the case. Whoever may read a patient's meetings
    /// or tasks may read the case (docs/access.md), so those kinds need no query of their own.
    /// </summary>
    /// <param name="visiblePatients">The patients whose data of a kind the user may read (the access policy).</param>
    public static IQueryable<Flag> Visible(IQueryable<Flag> flags, Func<DataKind, IQueryable<Patient>> visiblePatients)
    {
        var (cases, documents, consents) = (visiblePatients(DataKind.Case), visiblePatients(DataKind.Document), visiblePatients(DataKind.Consent));
        return flags.Where(f => cases.Any(p => p.Id == f.PatientId)
            || (f.SubjectKind == Document && documents.Any(p => p.Id == f.PatientId))
            || (f.SubjectKind == Consent && consents.Any(p => p.Id == f.PatientId)));
    }
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
