using CaseHub.Core.Patients;

namespace CaseHub.Core.Tests.Patients;

public class CprNumberTests
{
    [Theory]
    [InlineData("1203851236", 1985, 3, 12)]
    [InlineData("120385-1236", 1985, 3, 12)]
    [InlineData(" 1203851236 ", 1985, 3, 12)]
    [InlineData("0101004000", 2000, 1, 1)] // 7th digit 4, year 00-36: 2000s
    [InlineData("0101374000", 1937, 1, 1)] // 7th digit 4, year 37-99: 1900s
    [InlineData("0101575000", 2057, 1, 1)] // 7th digit 5-8, year 00-57: 2000s
    [InlineData("0101588000", 1858, 1, 1)] // 7th digit 5-8, year 58-99: 1800s
    [InlineData("0101369000", 2036, 1, 1)] // 7th digit 9, year 00-36: 2000s
    [InlineData("0101379000", 1937, 1, 1)] // 7th digit 9, year 37-99: 1900s
    [InlineData("0101993000", 1999, 1, 1)] // 7th digit 0-3: always 1900s
    [InlineData("2902004000", 2000, 2, 29)] // 2000 is a leap year
    public void Valid_numbers_give_the_birth_date_with_the_right_century(string input, int year, int month, int day)
    {
        Assert.True(CprNumber.TryParse(input, out var cpr, out var error), error);
        Assert.Equal(new DateOnly(year, month, day), cpr.BirthDate);
        Assert.Equal(10, cpr.Value.Length);
    }

    [Theory]
    [InlineData("3102851234", "ikke en gyldig dato")] // 31 February
    [InlineData("2902011234", "ikke en gyldig dato")] // 1901 is not a leap year
    [InlineData("2902003000", "ikke en gyldig dato")] // 7th digit 3: 1900, not a leap year
    [InlineData("0013851234", "ikke en gyldig dato")] // month 13
    [InlineData("0001851234", "ikke en gyldig dato")] // day 0
    [InlineData("120385123", "10 cifre")]
    [InlineData("12038512345", "10 cifre")]
    [InlineData("12038A1234", "kun indeholde cifre")]
    [InlineData("120385 1234", "kun indeholde cifre")]
    [InlineData("", "Angiv et CPR-nummer")]
    [InlineData(null, "Angiv et CPR-nummer")]
    public void Invalid_numbers_are_refused_with_a_Danish_reason(string? input, string reasonContains)
    {
        Assert.False(CprNumber.TryParse(input, out _, out var error));
        Assert.Contains(reasonContains, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_that_fails_modulus_11_is_still_valid()
    {
        // 1203851237: weighted sum 127, not divisible by 11; numbers issued since 2007 need not be.
        Assert.True(CprNumber.TryParse("1203851237", out _, out _));
    }

    [Fact]
    public void Display_form_has_a_hyphen_after_the_date()
    {
        Assert.Equal("120385-1236", CprNumber.Parse("1203851236").ToDisplayString());
    }
}
