using System.Globalization;

namespace CaseHub.Web.Localization;

/// <summary>
/// Danish, with dates written dd-MM-yyyy as CaseHub's users expect (the platform's da-DK writes dd.MM.yyyy).
/// </summary>
public static class DanishCulture
{
    public static readonly CultureInfo Instance = Create();

    private static CultureInfo Create()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("da-DK").Clone();
        culture.DateTimeFormat.DateSeparator = "-";
        culture.DateTimeFormat.ShortDatePattern = "dd-MM-yyyy";
        culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        culture.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        return CultureInfo.ReadOnly(culture);
    }
}

/// <summary>Formatting helpers for pages and components, always in Danish time and format.</summary>
public static class Show
{
    public static string Date(DateOnly? day) => day?.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) ?? "–";

    public static string Date(DateTime? utc) => utc is { } v ? Date(DateOnly.FromDateTime(Core.Calendar.DanishCalendar.ToDanishTime(v))) : "–";

    public static string DateTime(DateTime? utc) =>
        utc is { } v ? Core.Calendar.DanishCalendar.ToDanishTime(v).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture) : "–";
}
