using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.Serialization;
using CaseHub.Fhir.Validation;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Tests;

/// <summary>The real FHIR JSON files the tests use: fhir-profiles/ (copied beside the tests) and Fixtures/.</summary>
internal static class Samples
{
    public static readonly FhirSerialization Serialization = new();
    public static readonly FhirContract Contract = new(Serialization);
    public static readonly ProfileValidator Validator = new(Contract);

    public static string ProfilesDirectory => Path.Combine(AppContext.BaseDirectory, "fhir-profiles");

    public static IEnumerable<string> Examples => Directory.GetFiles(Path.Combine(ProfilesDirectory, "examples"), "*.json").Order();

    public static string Text(string fixture) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));

    public static T Parse<T>(string json)
        where T : Resource
    {
        var (resource, issues) = Serialization.Parse(json);
        Assert.True(resource is not null, string.Join("; ", issues.Select(i => $"{i.Path}: {i.Message}")));
        return Assert.IsType<T>(resource, exactMatch: false);
    }

    public static T Fixture<T>(string fixture)
        where T : Resource => Parse<T>(Text(fixture));

    public static T Example<T>(string file)
        where T : Resource => Parse<T>(File.ReadAllText(Path.Combine(ProfilesDirectory, "examples", file)));
}
