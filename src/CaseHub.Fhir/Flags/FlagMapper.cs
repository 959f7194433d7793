using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using DomainFlag = CaseHub.Core.Flags.Flag;

namespace CaseHub.Fhir.Flags;

/// <summary>
/// A flag -> casehub-flag (Flag): the code is the rule from the flag-rule CodeSystem (its text the Danish summary),
/// the organization that must act is the responsible-organization extension, period.end is when it was resolved, and a
/// flag that organization dismissed carries the reason in dismiss-reason.
/// </summary>
public static class FlagMapper
{
    /// <summary>Maps a flag; <paramref name="ruleName"/> is the rule's Danish name, Patient and OwnerOrganization give displays.</summary>
    public static Flag ToFhir(DomainFlag flag, string ruleName)
    {
        var resource = new Flag
        {
            Id = flag.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.FlagProfile] },
            Extension = [new Extension(CaseHubUrls.ResponsibleOrganizationExtension, new ResourceReference($"Organization/{flag.OwnerOrganizationId}", flag.OwnerOrganization?.Name))],
            Status = flag.IsOpen ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "admin", "Administrative", null)],
            Code = new CodeableConcept(CaseHubUrls.FlagRuleSystem, flag.Rule, ruleName, flag.Summary),
            Subject = new ResourceReference($"Patient/{flag.PatientId}", flag.Patient?.FullName),
            Period = new Period
            {
                // The day the condition began when the rule knows it, else when the flag was raised.
                StartElement = flag.Since is { } since ? new FhirDateTime(FhirTime.Date(since)) : FhirTime.DateTime(flag.RaisedAt),
                EndElement = flag.ResolvedAt is { } resolved ? FhirTime.DateTime(resolved) : null,
            },
        };
        if (flag.DismissReason is { } reason)
        {
            resource.Extension.Add(new Extension(CaseHubUrls.DismissReasonExtension, new FhirString(reason)));
        }

        return resource;
    }
}
