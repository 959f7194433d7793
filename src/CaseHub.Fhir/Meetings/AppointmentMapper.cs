using CaseHub.Core.Meetings;
using CaseHub.Core.Teams;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Meetings;

/// <summary>
/// A netværksmøde -> casehub-network-meeting (Appointment): requested = proposed, planned = booked, held = fulfilled
/// with attendance per participant. The held meeting stays this one resource (no separate Encounter), so a client
/// follows a meeting through its whole life at one address; the minutes are a Communication about it.
/// </summary>
public static class AppointmentMapper
{
    public static Appointment.AppointmentStatus Status(MeetingStatus status) => status switch
    {
        MeetingStatus.Requested => Appointment.AppointmentStatus.Proposed,
        MeetingStatus.Planned => Appointment.AppointmentStatus.Booked,
        _ => Appointment.AppointmentStatus.Fulfilled,
    };

    /// <summary>The meeting statuses a FHIR Appointment.status stands for.</summary>
    public static IReadOnlyList<MeetingStatus> StatusesFor(string code) =>
        Enum.GetValues<MeetingStatus>().Where(s => Hl7.Fhir.Utility.EnumUtility.GetLiteral(Status(s)) == code).ToList();

    /// <summary>Maps a meeting; Patient, HostOrganization and Participants with their TeamMember give the displays.</summary>
    public static Appointment ToFhir(Meeting meeting)
    {
        var resource = new Appointment
        {
            Id = meeting.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.NetworkMeetingProfile] },
            Status = Status(meeting.Status),
            ServiceType = [new CodeableConcept(CaseHubUrls.NetworkMeetingSystem, "network-meeting", "Netværksmøde", null)],
            Description = meeting.RequestReason,
            CreatedElement = FhirTime.DateTime(meeting.RequestedAt),
        };
        if (meeting.HostOrganizationId is { } host)
        {
            resource.Extension.Add(new Extension(CaseHubUrls.MeetingHostExtension, new ResourceReference($"Organization/{host}", meeting.HostOrganization?.Name)));
        }

        if (meeting.Start is { } start && meeting.End is { } end)
        {
            resource.Start = FhirInstant.Of(start);
            resource.End = FhirInstant.Of(end);
        }

        if (meeting.DueDate is { } due)
        {
            // A meeting requested at discharge must be held by this day (DOMAIN.md section 3).
            resource.RequestedPeriod.Add(new Period { End = FhirTime.Date(due) });
        }

        if (meeting.PlaceKind is { } place)
        {
            resource.Comment = meeting.Place is { Length: > 0 } text ? $"{place.Danish()}: {text}" : place.Danish();
        }

        var patient = new Appointment.ParticipantComponent
        {
            Actor = new ResourceReference($"Patient/{meeting.PatientId}", meeting.Patient?.FullName),
            Status = meeting.PatientParticipation switch
            {
                PatientParticipation.Participates => ParticipationStatus.Accepted,
                PatientParticipation.Declined => ParticipationStatus.Declined,
                _ => ParticipationStatus.NeedsAction,
            },
        };
        Attended(patient, meeting.PatientAttended);
        resource.Participant.Add(patient);
        foreach (var invited in meeting.Participants.Where(p => p.TeamMember is not null).OrderBy(p => p.TeamMember!.Name, StringComparer.Ordinal))
        {
            var member = invited.TeamMember!;
            var participant = new Appointment.ParticipantComponent
            {
                Actor = member switch
                {
                    { StaffUserId: { } staff } => new ResourceReference($"Practitioner/{staff}", member.Name),
                    { Role: TeamRole.Patient } => new ResourceReference($"Patient/{meeting.PatientId}", member.Name),
                    _ => new ResourceReference { Type = "RelatedPerson", Display = member.Name },
                },
                Status = ParticipationStatus.Accepted,
            };
            Attended(participant, invited.Attended);
            resource.Participant.Add(participant);
        }

        return resource;
    }

    private static void Attended(Appointment.ParticipantComponent participant, bool? attended)
    {
        if (attended is { } value)
        {
            participant.Extension.Add(new Extension(CaseHubUrls.ParticipantAttendedExtension, new FhirBoolean(value)));
        }
    }
}
