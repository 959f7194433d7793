using CaseHub.Core.Calendar;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CaseHub.Core.Meetings;

/// <summary>
/// The invitation to a planned meeting as an iCalendar file. Times are given in Europe/Copenhagen with its
/// VTIMEZONE, so calendars show the Danish time also across the change to and from summer time.
/// </summary>
public static class MeetingCalendar
{
    public static string ToIcs(Meeting meeting, string patientName, IEnumerable<string> participantNames)
    {
        if (meeting.Start is not { } start || meeting.End is not { } end)
        {
            throw new InvalidOperationException("Only a planned meeting has an invitation.");
        }

        var tzId = DanishCalendar.TimeZone.Id;
        var calendar = new Ical.Net.Calendar { ProductId = "-//CaseHub//Netvaerksmoede//DA", Method = "PUBLISH" };
        calendar.AddTimeZone(tzId);
        var place = meeting.PlaceKind is { } kind ? $"{kind.Danish()}: {meeting.Place}" : meeting.Place;
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{meeting.Id}@casehub.dk",
            Sequence = meeting.Version,
            Summary = $"Netværksmøde – {patientName}",
            Description = "Dagsorden:\n" + string.Join('\n', AgendaTemplate.Sections.Select((s, i) => $"{i + 1}. {s.Title}"))
                + "\n\nDeltagere: " + string.Join(", ", participantNames)
                + (meeting.ChairName is null ? string.Empty : $"\nMødeleder: {meeting.ChairName}"),
            Location = place,
            DtStart = new CalDateTime(DanishCalendar.ToDanishTime(start), tzId),
            DtEnd = new CalDateTime(DanishCalendar.ToDanishTime(end), tzId),
        });
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
