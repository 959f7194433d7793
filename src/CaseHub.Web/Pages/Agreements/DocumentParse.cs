using System.Globalization;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>Reads the dates the agreement forms post (ISO from date inputs, or dd-MM-yyyy typed by hand).</summary>
public static class DocumentParse
{
    public static bool TryDate(string text, out DateOnly? date)
    {
        date = null;
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd-MM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }
}
