using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;

namespace CaseHub.Core.FollowUps;

/// <summary>A decision of a netværksmøde to act on: what, who owns it (organization and person), by when.</summary>
public class FollowUpTask
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public Patient? Patient { get; set; }

    public Guid? MeetingId { get; set; }

    public required string Description { get; set; }

    public Guid OwnerOrganizationId { get; set; }

    public Organization? OwnerOrganization { get; set; }

    public Guid? OwnerUserId { get; set; }

    public StaffUser? OwnerUser { get; set; }

    public DateOnly DueDate { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedByName { get; set; }

    public DateTime? CompletedAt { get; set; }

    public Guid? CompletedByUserId { get; set; }

    public string? CompletedByName { get; set; }

    public int Version { get; set; }

    public bool IsOpen => CompletedAt is null;

    /// <summary>Open after its due date (in Danish days): the day after the due date it is overdue.</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && DueDate < today;
}
