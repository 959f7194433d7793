using CaseHub.Core.Calendar;

namespace CaseHub.Fhir.Common;

/// <summary>FHIR instants (Appointment.start/end) in Danish time with their offset, like <see cref="FhirTime"/>.</summary>
public static class FhirInstant
{
    public static DateTimeOffset Of(DateTime utc)
    {
        var offset = DanishCalendar.TimeZone.GetUtcOffset(utc);
        return new DateTimeOffset(utc.Ticks + offset.Ticks, offset);
    }
}
