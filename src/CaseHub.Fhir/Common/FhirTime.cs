using System.Globalization;
using CaseHub.Core.Calendar;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Common;

/// <summary>Instants go out in Danish time with their offset (readable, and the date part is the Danish date).</summary>
public static class FhirTime
{
    public static FhirDateTime DateTime(DateTime utc)
    {
        var offset = DanishCalendar.TimeZone.GetUtcOffset(utc);
        return new FhirDateTime(new DateTimeOffset(utc.Ticks + offset.Ticks, offset));
    }

    /// <summary>The UTC instant of a FHIR dateTime; a date-only value means midnight Danish time.</summary>
    public static DateTime? ToUtc(FhirDateTime? value)
    {
        if (value?.Value is not { } text)
        {
            return null;
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return DanishCalendar.ToUtc(day.ToDateTime(TimeOnly.MinValue));
        }

        return value.TryToDateTimeOffset(out var instant) ? instant.UtcDateTime : null;
    }

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
