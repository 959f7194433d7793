using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.Serialization;
using CaseHub.Fhir.Validation;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>
/// Talks to /fhir like an outside client: a bearer token from /dev/token, FHIR JSON or XML bodies, and every response
/// parsed strictly with the Firely SDK and, when it claims a CaseHub profile, validated against it.
/// </summary>
internal static class FhirTestClient
{
    public const string Json = "application/fhir+json";
    public const string Xml = "application/fhir+xml";

    private static readonly FhirSerialization Serialization = new();
    private static readonly ProfileValidator Validator = new(new FhirContract(Serialization));

    /// <summary>A client with a dev bearer token for the demo user, or without any token when null.</summary>
    public static async Task<HttpClient> ClientAsync(this CaseHubFactory factory, string? username)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        if (username is not null)
        {
            var response = await client.PostAsJsonAsync("/dev/token", new { username });
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string? body = null,
        string contentType = Json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    public static string ToJson(Resource resource) => Serialization.Serialize(resource);

    public static string ToXml(Resource resource) => Serialization.Serialize(resource, FhirFormat.Xml);

    /// <summary>The response's resource, parsed strictly; every CaseHub resource in it must conform to its profile.</summary>
    public static async Task<T> ResourceAsync<T>(this HttpResponseMessage response)
        where T : Resource
    {
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Assert.True(mediaType is Json or Xml, $"Content-Type was {mediaType}: {text}");
        var (resource, issues) = Serialization.Parse(text, mediaType == Xml ? FhirFormat.Xml : FhirFormat.Json);
        Assert.True(resource is not null, $"Firely could not parse the response: {string.Join("; ", issues.Select(i => $"{i.Path}: {i.Message}"))}");
        AssertConforms(resource);
        if (resource is Bundle bundle)
        {
            foreach (var entry in bundle.Entry.Where(e => e.Resource is not null))
            {
                AssertConforms(entry.Resource!);
            }
        }

        ResponseLog.Save(resource, text, mediaType);
        return Assert.IsType<T>(resource, exactMatch: false);
    }

    private static void AssertConforms(Resource resource)
    {
        foreach (var profile in resource.Meta?.Profile ?? [])
        {
            var problems = Validator.Validate(resource, profile!);
            Assert.True(problems.Count == 0, $"{resource.TypeName}/{resource.Id} does not conform to {profile}: {string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}"))}");
        }
    }

    /// <summary>The issue paths of an OperationOutcome response.</summary>
    public static async Task<List<string>> IssuePathsAsync(this HttpResponseMessage response) =>
        (await response.ResourceAsync<OperationOutcome>()).Issue.SelectMany(i => i.Expression).ToList()!;
}

/// <summary>
/// Keeps the JSON responses the tests saw in the folder named by CASEHUB_FHIR_RESPONSES, so CI can check them against
/// the official FHIR JSON schema too (.ci/run).
/// </summary>
internal static class ResponseLog
{
    private static readonly string? Directory = Environment.GetEnvironmentVariable("CASEHUB_FHIR_RESPONSES");

    public static void Save(Resource resource, string text, string? mediaType)
    {
        if (Directory is null || mediaType != FhirTestClient.Json)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, $"{resource.TypeName}-{Guid.NewGuid():N}.json"), text);
    }
}
