namespace CaseHub.Core.Calendar;

/// <summary>
/// Danish working days: Monday to Friday except public holidays. Holidays are computed from Easter because no
/// holiday package is available to us. Besides the statutory holidays (helligdage) the public sector also closes on
/// Grundlovsdag (5 June), Christmas Eve and New Year's Eve, so those are not working days either.
/// </summary>
public static class DanishCalendar
{
    /// <summary>The time zone every "day" and "working day" in CaseHub is counted in.</summary>
    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>The day it is in Denmark at the given instant.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToDanishTime(clock.GetUtcNow().UtcDateTime));

    public static DateTime ToDanishTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public static DateTime ToUtc(DateTime danishLocal) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(danishLocal, DateTimeKind.Unspecified), TimeZone);

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    public static bool IsHoliday(DateOnly day) => Holidays(day.Year).ContainsKey(day);

    /// <summary>The day that is <paramref name="workingDays"/> working days after <paramref name="from"/>.</summary>
    public static DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = from;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The year's days off with their Danish names.</summary>
    public static IReadOnlyDictionary<DateOnly, string> Holidays(int year)
    {
        var easter = EasterSunday(year);
        var days = new Dictionary<DateOnly, string>
        {
            [new DateOnly(year, 1, 1)] = "Nytårsdag",
            [easter.AddDays(-3)] = "Skærtorsdag",
            [easter.AddDays(-2)] = "Langfredag",
            [easter] = "Påskedag",
            [easter.AddDays(1)] = "2. påskedag",
            [easter.AddDays(39)] = "Kristi himmelfartsdag",
            [easter.AddDays(49)] = "Pinsedag",
            [easter.AddDays(50)] = "2. pinsedag",
            [new DateOnly(year, 6, 5)] = "Grundlovsdag",
            [new DateOnly(year, 12, 24)] = "Juleaftensdag",
            [new DateOnly(year, 12, 25)] = "1. juledag",
            [new DateOnly(year, 12, 26)] = "2. juledag",
            [new DateOnly(year, 12, 31)] = "Nytårsaftensdag",
        };

        // Store bededag was abolished as a holiday from 2024.
        if (year <= 2023)
        {
            days[easter.AddDays(26)] = "Store bededag";
        }

        return days;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
