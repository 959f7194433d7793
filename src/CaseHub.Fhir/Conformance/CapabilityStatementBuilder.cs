using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Conformance;

/// <summary>A search parameter a resource type supports, as the CapabilityStatement states it.</summary>
public sealed record FhirSearchParam(string Name, SearchParamType Type, string Documentation);

/// <summary>What the API supports for one resource type: its profile, interactions and search parameters.</summary>
public sealed record FhirResourceDefinition(
    string Type,
    string? Profile,
    IReadOnlyList<FhirSearchParam> SearchParams,
    bool Create = false,
    bool Update = false,
    bool ConditionalCreate = false,
    string? Documentation = null,
    IReadOnlyList<string>? SupportedProfiles = null);

/// <summary>Builds <c>/fhir/metadata</c> from the registered resource handlers, so it states exactly what is served.</summary>
public static class CapabilityStatementBuilder
{
    /// <summary>Search parameters every type supports besides its own.</summary>
    public static readonly FhirSearchParam[] Common =
    [
        new("_count", SearchParamType.Number, "Page size (default 20, at most 100); the Bundle's 'next' link gives the following page."),
    ];

    public static CapabilityStatement Build(IEnumerable<FhirResourceDefinition> definitions, IEnumerable<string> contractTypes, string baseUrl, DateTimeOffset date,
        IEnumerable<(CapabilityStatement.SystemRestfulInteraction Code, string Documentation)>? systemInteractions = null)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "CaseHub's FHIR R4 API. Every request but /metadata and the contract resources needs a bearer token; results contain only what the caller may see, and every read and write of patient data is audited.",
            Security = new CapabilityStatement.SecurityComponent
            {
                Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")],
                Description = "Bearer tokens from Microsoft Entra ID (POST /dev/token in Development).",
            },
        };
        foreach (var d in definitions)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = d.Type,
                Profile = d.Profile,
                Documentation = d.Documentation,
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                ReadHistory = true,
                UpdateCreate = false,
                ConditionalCreate = d.ConditionalCreate,
                SupportedProfile = [.. d.SupportedProfiles ?? []],
                SearchInclude = [.. SearchIncludes.IncludesFor(d.Type)],
                SearchRevInclude = [.. SearchIncludes.RevIncludesFor(d.Type)],
                SearchParam = d.SearchParams.Concat(Common).Select(p => new CapabilityStatement.SearchParamComponent
                {
                    Name = p.Name,
                    Type = p.Type,
                    Documentation = p.Documentation,
                }).ToList(),
            };
            var interactions = new List<CapabilityStatement.TypeRestfulInteraction>
            {
                CapabilityStatement.TypeRestfulInteraction.Read,
                CapabilityStatement.TypeRestfulInteraction.Vread,
                CapabilityStatement.TypeRestfulInteraction.HistoryInstance,
                CapabilityStatement.TypeRestfulInteraction.SearchType,
            };
            if (d.Create)
            {
                interactions.Add(CapabilityStatement.TypeRestfulInteraction.Create);
            }

            if (d.Update)
            {
                interactions.Add(CapabilityStatement.TypeRestfulInteraction.Update);
            }

            resource.Interaction = interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList();
            rest.Resource.Add(resource);
        }

        rest.Interaction = (systemInteractions ?? []).Select(i => new CapabilityStatement.SystemInteractionComponent { Code = i.Code, Documentation = i.Documentation }).ToList();
        foreach (var type in contractTypes)
        {
            rest.Resource.Add(new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Documentation = "CaseHub's contract (fhir-profiles/), readable without a token.",
                Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read }],
            });
        }

        return new CapabilityStatement
        {
            Id = "casehub",
            Url = CaseHubUrls.Base + "/CapabilityStatement/casehub",
            Name = "CaseHubServer",
            Title = "CaseHub FHIR API",
            Status = PublicationStatus.Active,
            DateElement = new FhirDateTime(date),
            Publisher = "CaseHub",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "CaseHub" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "CaseHub", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "application/fhir+xml"],
            Rest = [rest],
        };
    }
}
