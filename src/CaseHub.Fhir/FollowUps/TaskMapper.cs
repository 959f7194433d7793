using CaseHub.Core.FollowUps;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace CaseHub.Fhir.FollowUps;

/// <summary>
/// A follow-up task -> casehub-follow-up (Task). Open = requested, completed = completed. The owner is the
/// responsible person's PractitionerRole (which names their organization), or the organization when no person is
/// set; the due date is restriction.period.end; focus is the meeting the task came from.
/// </summary>
public static class TaskMapper
{
    /// <summary>Maps a task; Patient, OwnerOrganization and OwnerUser give displays when loaded.</summary>
    public static FhirTask ToFhir(FollowUpTask task)
    {
        var resource = new FhirTask
        {
            Id = task.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.FollowUpProfile] },
            Status = task.IsOpen ? FhirTask.TaskStatus.Requested : FhirTask.TaskStatus.Completed,
            Intent = FhirTask.TaskIntent.Order,
            Code = new CodeableConcept(CaseHubUrls.NetworkMeetingSystem, "follow-up", "Opfølgningsopgave", null),
            Description = task.Description,
            For = new ResourceReference($"Patient/{task.PatientId}", task.Patient?.FullName),
            AuthoredOnElement = FhirTime.DateTime(task.CreatedAt),
            LastModifiedElement = FhirTime.DateTime(task.CompletedAt ?? task.CreatedAt),
            Requester = new ResourceReference { Display = task.CreatedByName },
            Owner = task.OwnerUserId is { } person
                ? new ResourceReference($"PractitionerRole/{person}", task.OwnerUser is { } user ? $"{user.Name}, {task.OwnerOrganization?.Name}" : null)
                : new ResourceReference($"Organization/{task.OwnerOrganizationId}", task.OwnerOrganization?.Name),
            Restriction = new FhirTask.RestrictionComponent { Period = new Period { End = FhirTime.Date(task.DueDate) } },
        };
        if (task.MeetingId is { } meeting)
        {
            resource.Focus = new ResourceReference($"Appointment/{meeting}");
        }

        if (task.CompletedAt is { } completed)
        {
            resource.ExecutionPeriod = new Period { EndElement = FhirTime.DateTime(completed) };
            resource.Note.Add(new Annotation { Text = $"Afsluttet af {task.CompletedByName}" });
        }

        return resource;
    }
}
