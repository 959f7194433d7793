using CaseHub.Core.Admissions;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Fhir.Admissions;

/// <summary>Domain admission &lt;-&gt; casehub-admission (Encounter, class IMP).</summary>
public static class EncounterMapper
{
    /// <summary>The domain data a casehub-admission carries; patient and ward by id.</summary>
    public sealed record AdmissionData(
        Guid? PatientId, Guid? WardId, string? EpisodeOfCareId, DateTime? Start, DateTime? End, DateOnly? PlannedDischargeDate,
        LegalBasis LegalBasis, TargetGroupMarking TargetGroupMarking, string? TargetGroupReason);

    private static readonly (LegalBasis Value, string Code)[] Bases =
    [
        (LegalBasis.Voluntary, "voluntary"),
        (LegalBasis.CompulsoryAdmission, "compulsory-admission"),
        (LegalBasis.CompulsoryDetention, "compulsory-detention"),
    ];

    private static readonly (TargetGroupMarking Value, string Code)[] Markings =
    [
        (TargetGroupMarking.None, "none"),
        (TargetGroupMarking.Section13aStk1, "section-13a-stk-1"),
        (TargetGroupMarking.Section13aStk2, "section-13a-stk-2"),
        (TargetGroupMarking.Excluded, "excluded"),
    ];

    /// <summary>Maps an admission; <see cref="Admission.Patient"/> and <see cref="Admission.Ward"/> give displays when loaded.</summary>
    public static Encounter ToFhir(Admission admission)
    {
        var resource = new Encounter
        {
            Id = admission.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.AdmissionProfile] },
            Extension =
            [
                new Extension(CaseHubUrls.LegalBasisExtension, new Coding(CaseHubUrls.LegalBasisSystem, Code(admission.LegalBasis), admission.LegalBasis.Danish())),
                new Extension(CaseHubUrls.TargetGroupMarkingExtension, new Coding(CaseHubUrls.TargetGroupMarkingSystem, Code(admission.TargetGroupMarking), admission.TargetGroupMarking.Danish())),
            ],
            Status = admission.End is null ? Encounter.EncounterStatus.InProgress : Encounter.EncounterStatus.Finished,
            Class = new Coding(CaseHubUrls.ActCode, "IMP", "inpatient encounter"),
            Subject = new ResourceReference($"Patient/{admission.PatientId}", admission.Patient?.FullName),
            Period = new Period { StartElement = FhirTime.DateTime(admission.Start), EndElement = admission.End is { } end ? FhirTime.DateTime(end) : null },
            ServiceProvider = new ResourceReference($"Organization/{admission.WardId}", admission.Ward?.Name),
        };
        if (admission.TargetGroupReason is { } reason)
        {
            resource.Extension.Add(new Extension(CaseHubUrls.TargetGroupReasonExtension, new FhirString(reason)));
        }

        if (admission.PlannedDischargeDate is { } planned)
        {
            resource.Extension.Add(new Extension(CaseHubUrls.PlannedDischargeDateExtension, new Date(FhirTime.Date(planned))));
        }

        if (admission.EpisodeOfCareId is { } episode)
        {
            resource.Identifier.Add(new Identifier(CaseHubUrls.EpisodeOfCareSystem, episode));
        }

        return resource;
    }

    public static string Code(LegalBasis basis) => Bases.First(b => b.Value == basis).Code;

    public static string Code(TargetGroupMarking marking) => Markings.First(m => m.Value == marking).Code;

    /// <summary>What the resource says about the admission. The profile has been checked; references are parsed here.</summary>
    public static (AdmissionData Data, IReadOnlyList<FhirIssue> Issues) FromFhir(Encounter resource)
    {
        var issues = new List<FhirIssue>();
        var patientId = IdOf(resource.Subject?.Reference, "Patient", "Encounter.subject.reference", issues);
        var wardId = IdOf(resource.ServiceProvider?.Reference, "Organization", "Encounter.serviceProvider.reference", issues);
        var basisCode = (Extension(resource, CaseHubUrls.LegalBasisExtension) as Coding)?.Code;
        var markingCode = (Extension(resource, CaseHubUrls.TargetGroupMarkingExtension) as Coding)?.Code;
        var data = new AdmissionData(
            patientId,
            wardId,
            resource.Identifier.FirstOrDefault(i => i.System == CaseHubUrls.EpisodeOfCareSystem)?.Value,
            FhirTime.ToUtc(resource.Period?.StartElement),
            FhirTime.ToUtc(resource.Period?.EndElement),
            FhirTime.ParseDate((Extension(resource, CaseHubUrls.PlannedDischargeDateExtension) as Date)?.Value),
            Bases.FirstOrDefault(b => b.Code == basisCode).Value,
            Markings.FirstOrDefault(m => m.Code == markingCode).Value,
            (Extension(resource, CaseHubUrls.TargetGroupReasonExtension) as FhirString)?.Value);
        return (data, issues);
    }

    private static DataType? Extension(Encounter resource, string url) => resource.Extension.FirstOrDefault(e => e.Url == url)?.Value;

    /// <summary>The id of a relative reference <c>Type/id</c>; anything else is an issue at the path.</summary>
    public static Guid? IdOf(string? reference, string type, string path, List<FhirIssue> issues)
    {
        var parts = reference?.Split('/');
        if (parts is { Length: 2 } && parts[0] == type && Guid.TryParse(parts[1], out var id))
        {
            return id;
        }

        issues.Add(new FhirIssue(IssueType.Invalid, path, $"Henvisningen skal have formen {type}/<id> til en {type} i CaseHub; fik '{reference}'."));
        return null;
    }
}
