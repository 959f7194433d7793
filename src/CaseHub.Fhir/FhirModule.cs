using CaseHub.Core.Admissions;
using CaseHub.Core.Patients;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Fhir.Serialization;
using CaseHub.Fhir.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Fhir;

/// <summary>Registers the FHIR machinery: the Firely parser and serializer and the contract once, per request the rest.</summary>
public static class FhirModule
{
    public static IServiceCollection AddCaseHubFhirCore(this IServiceCollection services)
    {
        services.AddSingleton<FhirSerialization>();
        services.AddSingleton<FhirContract>();
        services.AddSingleton<ProfileValidator>();
        services.AddScoped<ResourceHistory>();
        services.AddScoped<RegisterPatient>();
        services.AddScoped<UpdatePatient>();
        services.AddScoped<UpdateAdmission>();
        return services;
    }
}
