using CaseHub.Core.Agreements;

namespace CaseHub.Core.Tests.Agreements;

public class DocumentSectionsTests
{
    public static TheoryData<string> FieldNames()
    {
        var data = new TheoryData<string>();
        foreach (var field in DocumentSections.AllFields)
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Every_field_is_bound_to_a_document_property_of_the_type_its_editor_parses(string name)
    {
        var field = DocumentSections.AllFields.Single(f => f.Name == name);
        var property = typeof(CareDocument).GetProperty(name);
        Assert.NotNull(property);
        var expected = field.Type switch
        {
            FieldType.Date => typeof(DateOnly?),
            FieldType.YesNo => typeof(bool),
            FieldType.LegalBasis => typeof(DocumentLegalBasis),
            _ => typeof(string),
        };
        Assert.Equal(expected, property.PropertyType);
    }

    [Theory]
    [InlineData(FieldType.Date, "2026-03-02", true)]
    [InlineData(FieldType.Date, "02-03-2026", true)]
    [InlineData(FieldType.Date, "31-02-2026", false)]
    [InlineData(FieldType.Date, "i morgen", false)]
    [InlineData(FieldType.LegalBasis, "Section13b", true)]
    [InlineData(FieldType.LegalBasis, "Section99", false)]
    [InlineData(FieldType.LegalBasis, "7", false)]
    public void Typed_values_are_parsed_or_refused_in_Danish(FieldType type, string text, bool ok)
    {
        var field = new DocumentField("X", "X", type);
        Assert.Equal(ok, field.TryParse(text, out _, out var error));
        Assert.Equal(ok, error is null);
    }

    [Fact]
    public void A_text_longer_than_the_column_is_refused()
    {
        var field = DocumentSections.AllFields.First(f => f.Type == FieldType.LongText);
        Assert.False(field.TryParse(new string('x', DocumentField.LongTextMax + 1), out _, out var error));
        Assert.Equal($"Teksten er for lang (højst {DocumentField.LongTextMax} tegn).", error);
    }
}
