using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CaseHub.Core.Patients;

/// <summary>
/// A Danish CPR number (DDMMYYSSSS). The date must exist and the 7th digit with the year gives the century.
/// No modulus-11 check: numbers issued since 2007 need not satisfy it.
/// </summary>
public readonly record struct CprNumber
{
    /// <summary>The FHIR identifier system for CPR numbers (DK Core).</summary>
    public const string FhirSystem = "urn:oid:1.2.208.176.1.2";

    private CprNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The ten digits without separator.</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    public override string ToString() => Value;

    /// <summary>Formats as DDMMYY-SSSS, the way Danes write it.</summary>
    public string ToDisplayString() => $"{Value[..6]}-{Value[6..]}";

    /// <summary>Parses a CPR number, accepting an optional hyphen after the sixth digit and surrounding spaces.</summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="cpr">The number when valid.</param>
    /// <param name="error">A Danish message for the user when invalid.</param>
    public static bool TryParse(string? input, out CprNumber cpr, [NotNullWhen(false)] out string? error)
    {
        cpr = default;
        var text = (input ?? string.Empty).Trim();
        if (text.Length == 11 && text[6] == '-')
        {
            text = text.Remove(6, 1);
        }

        if (text.Length == 0)
        {
            error = "Angiv et CPR-nummer.";
            return false;
        }

        if (!text.All(char.IsAsciiDigit))
        {
            error = "CPR-nummeret må kun indeholde cifre (DDMMÅÅ-XXXX).";
            return false;
        }

        if (text.Length != 10)
        {
            error = "CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX).";
            return false;
        }

        var day = int.Parse(text.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(text.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var shortYear = int.Parse(text.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var year = Century(text[6] - '0', shortYear) + shortYear;

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = "CPR-nummerets første 6 cifre er ikke en gyldig dato.";
            return false;
        }

        cpr = new CprNumber(text, new DateOnly(year, month, day));
        error = null;
        return true;
    }

    /// <summary>Parses a CPR number that is known to be valid (stored data); throws otherwise.</summary>
    public static CprNumber Parse(string input) =>
        TryParse(input, out var cpr, out var error) ? cpr : throw new FormatException(error);

    // The century rule from CPR-kontoret: the 7th digit together with the two-digit year.
    private static int Century(int seventhDigit, int shortYear) => seventhDigit switch
    {
        <= 3 => 1900,
        4 or 9 => shortYear <= 36 ? 2000 : 1900,
        _ => shortYear <= 57 ? 2000 : 1800,
    };
}
