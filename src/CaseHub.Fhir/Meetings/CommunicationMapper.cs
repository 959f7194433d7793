using CaseHub.Core.Meetings;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Meetings;

/// <summary>
/// The approved minutes of a netværksmøde -> casehub-meeting-minutes (Communication). One Communication per meeting,
/// with the meeting's id: a later approved version of the minutes is a new FHIR version of the same resource, so
/// _history shows the superseded text. Drafts are the host's work in progress and are not exposed.
/// </summary>
public static class CommunicationMapper
{
    /// <summary>The minutes-section code of a template section: its key in camelCase.</summary>
    public static string SectionCode(string key) => char.ToLowerInvariant(key[0]) + key[1..];

    /// <summary>Maps the approved version; Patient and HostOrganization give displays when loaded.</summary>
    public static Communication ToFhir(Meeting meeting, MinutesVersion approved)
    {
        var resource = new Communication
        {
            Id = meeting.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.MeetingMinutesProfile] },
            Status = EventStatus.Completed,
            Category = [new CodeableConcept(CaseHubUrls.NetworkMeetingSystem, "minutes", "Referat af netværksmøde", null)],
            Subject = new ResourceReference($"Patient/{meeting.PatientId}", meeting.Patient?.FullName),
            About = [new ResourceReference($"Appointment/{meeting.Id}")],
            SentElement = FhirTime.DateTime(approved.ApprovedAt ?? approved.EditedAt),
        };
        if (meeting.HostOrganizationId is { } host)
        {
            resource.Sender = new ResourceReference($"Organization/{host}", meeting.HostOrganization?.Name);
        }

        foreach (var section in AgendaTemplate.Sections)
        {
            if (approved.Section(section.Key) is { Length: > 0 } text)
            {
                resource.Payload.Add(Payload(section, text));
            }
        }

        if (resource.Payload.Count == 0)
        {
            // Approved minutes with every section empty still say so, and the profile needs one payload.
            resource.Payload.Add(Payload(AgendaTemplate.Sections[0], "-"));
        }

        return resource;
    }

    private static Communication.PayloadComponent Payload(AgendaTemplate.Section section, string text) => new()
    {
        Extension = [new Extension(CaseHubUrls.MinutesSectionExtension, new Coding(CaseHubUrls.MinutesSectionSystem, SectionCode(section.Key), section.Title))],
        Content = new FhirString(text),
    };
}
