using CaseHub.Core.Calendar;

namespace CaseHub.Core.Tests.Calendar;

public class DanishCalendarTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_Sunday_is_computed(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), DanishCalendar.EasterSunday(year));
    }

    [Fact]
    public void Five_working_days_across_Easter_skip_the_holidays()
    {
        // Wednesday 1 April 2026; Thursday 2 (Skærtorsdag), Friday 3 (Langfredag), Monday 6 (2. påskedag) are off.
        Assert.Equal(new DateOnly(2026, 4, 13), DanishCalendar.AddWorkingDays(new DateOnly(2026, 4, 1), 5));
    }

    [Fact]
    public void Five_working_days_across_Christmas_and_New_Year()
    {
        // Monday 21 December 2026: 22, 23, 28, 29, 30 (24-27 and 31 are off).
        Assert.Equal(new DateOnly(2026, 12, 30), DanishCalendar.AddWorkingDays(new DateOnly(2026, 12, 21), 5));
        // Monday 28 December: 29, 30, then 4, 5, 6 January (31 December and 1 January are off).
        Assert.Equal(new DateOnly(2027, 1, 6), DanishCalendar.AddWorkingDays(new DateOnly(2026, 12, 28), 5));
    }

    [Fact]
    public void Store_bededag_is_a_holiday_until_2023_only()
    {
        Assert.True(DanishCalendar.IsHoliday(new DateOnly(2023, 5, 5)));
        Assert.False(DanishCalendar.IsHoliday(new DateOnly(2024, 4, 26)));
    }

    [Fact]
    public void Working_days_between_counts_the_days_after_the_first()
    {
        // Friday to the next Friday: Monday-Friday = 5.
        Assert.Equal(5, DanishCalendar.WorkingDaysBetween(new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 13)));
        Assert.Equal(0, DanishCalendar.WorkingDaysBetween(new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 8)));
    }
}
