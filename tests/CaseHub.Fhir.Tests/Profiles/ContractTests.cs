using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CaseHub.Fhir.Tests.Profiles;

public class ContractTests
{
    public static TheoryData<string> ExampleFiles => new(Samples.Examples.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_example_parses_strictly_and_conforms_to_the_profile_it_claims(string file)
    {
        var resource = Samples.Example<Resource>(file!);
        if (resource is Bundle { Type: Bundle.BundleType.Message } message)
        {
            // A MedCom message (CareCommunication to a receiver without CaseHub) follows MedCom's IG, not ours; its
            // content is checked against the mapper in CareCommunicationMapperTests.
            Assert.IsType<MessageHeader>(message.Entry[0].Resource);
            return;
        }

        var profile = Assert.Single(resource.Meta!.Profile)!;
        Assert.StartsWith(CaseHubUrls.Base + "/StructureDefinition/", profile, StringComparison.Ordinal);
        Assert.Empty(Samples.Validator.Validate(resource, profile));
    }

    [Fact]
    public void Every_profile_has_at_least_one_example()
    {
        var claimed = Samples.Examples.SelectMany(f => Samples.Example<Resource>(Path.GetFileName(f)).Meta?.Profile ?? []).ToHashSet();
        var profiles = Samples.Contract.StructureDefinitions.Values.Where(sd => sd.Kind == StructureDefinition.StructureDefinitionKind.Resource).Select(sd => sd.Url);
        Assert.All(profiles, url => Assert.Contains(url, claimed));
    }

    [Fact]
    public void The_contract_is_consistent_extensions_and_value_sets_exist_and_urls_share_one_base()
    {
        var contract = Samples.Contract;
        Assert.Equal(38, contract.StructureDefinitions.Count);
        Assert.Equal(14, contract.CodeSystems.Count);
        Assert.Equal(14, contract.ValueSets.Count);
        Assert.All(contract.All, r => Assert.StartsWith(CaseHubUrls.Base + "/", ((IVersionableConformanceResource)r).Url!, StringComparison.Ordinal));
        foreach (var element in contract.StructureDefinitions.Values.SelectMany(sd => sd.Differential!.Element))
        {
            foreach (var profile in element.Type.SelectMany(t => t.Profile))
            {
                Assert.True(contract.StructureDefinitions.ContainsKey(profile!), $"{element.ElementId} names a missing extension {profile}");
            }

            if (element.Binding?.ValueSet is { } vs && vs.StartsWith(CaseHubUrls.Base, StringComparison.Ordinal))
            {
                Assert.True(contract.ValueSets.ContainsKey(vs), $"{element.ElementId} binds to a missing ValueSet {vs}");
            }
        }

        Assert.All(contract.StructureDefinitions.Values, sd => Assert.Equal("4.0.1", sd.FhirVersion!.GetLiteral()));
    }

    [Fact]
    public void Every_invariant_compiles_and_has_a_human_text()
    {
        var compiler = new Hl7.FhirPath.FhirPathCompiler();
        var constraints = Samples.Contract.StructureDefinitions.Values.SelectMany(sd => sd.Differential!.Element).SelectMany(e => e.Constraint).ToList();
        Assert.NotEmpty(constraints);
        Assert.All(constraints, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Human));
            compiler.Compile(c.Expression);
        });
    }
}
