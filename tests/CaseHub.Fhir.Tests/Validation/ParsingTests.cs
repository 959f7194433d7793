using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Fhir.Tests.Validation;

public class ParsingTests
{
    [Fact]
    public void An_unknown_element_is_reported_with_its_path()
    {
        var (resource, issues) = Samples.Serialization.Parse(Samples.Text("patient-unknown-element.json"));
        Assert.Null(resource);
        var issue = Assert.Single(issues);
        Assert.Equal("Patient.nickname", issue.Path);
        Assert.Equal(IssueType.Structure, issue.Code);
    }

    [Fact]
    public void Malformed_json_is_a_structure_issue_not_an_exception()
    {
        var (resource, issues) = Samples.Serialization.Parse("{\"resourceType\": \"Patient\", ");
        Assert.Null(resource);
        Assert.Equal(IssueType.Structure, Assert.Single(issues).Code);
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Spaceship\"}", false)]
    [InlineData("{}", false)]
    [InlineData("[]", false)]
    [InlineData("null", false)]
    [InlineData("\"Patient\"", false)]
    [InlineData("", false)]
    [InlineData("<Patient xmlns=\"http://hl7.org/fhir\"/>", false)]
    [InlineData("<Patient/>", true)]
    [InlineData("<Patient xmlns=\"http://hl7.org/fhir\"><nickname value=\"x\"/></Patient>", true)]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Patient xmlns=\"http://hl7.org/fhir\"/>", true)]
    [InlineData("{\"resourceType\":\"Patient\"}", true)]
    public void Anything_that_is_not_a_resource_in_the_format_is_an_issue_never_an_exception(string body, bool xml)
    {
        var (resource, issues) = Samples.Serialization.Parse(body, xml ? Serialization.FhirFormat.Xml : Serialization.FhirFormat.Json);
        Assert.Null(resource);
        Assert.NotEmpty(issues);
    }

    [Fact]
    public void A_bad_date_literal_is_reported_at_the_element()
    {
        var (resource, issues) = Samples.Serialization.Parse("""{"resourceType":"Patient","birthDate":"1985-13-12"}""");
        Assert.Null(resource);
        Assert.Equal("Patient.birthDate", Assert.Single(issues).Path);
    }

    [Fact]
    public void Xml_and_json_carry_the_same_resource()
    {
        var patient = Samples.Example<Patient>("Patient-mette-kristensen.json");
        var xml = Samples.Serialization.Serialize(patient, Serialization.FhirFormat.Xml);
        var (back, issues) = Samples.Serialization.Parse(xml, Serialization.FhirFormat.Xml);
        Assert.Empty(issues);
        Assert.True(patient.IsExactly(back!));
    }
}
