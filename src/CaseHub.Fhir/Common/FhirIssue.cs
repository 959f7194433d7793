using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Common;

/// <summary>One problem with a resource, at an element path (FHIRPath, e.g. <c>Patient.identifier[0].value</c>).</summary>
public sealed record FhirIssue(OperationOutcome.IssueType Code, string Path, string Message,
    OperationOutcome.IssueSeverity Severity = OperationOutcome.IssueSeverity.Error)
{
    public static OperationOutcome ToOutcome(IEnumerable<FhirIssue> issues) => new()
    {
        Issue = issues.Select(i => new OperationOutcome.IssueComponent
        {
            Severity = i.Severity,
            Code = i.Code,
            Diagnostics = i.Message,
            Expression = [i.Path],
        }).ToList(),
    };

    public static OperationOutcome Outcome(OperationOutcome.IssueType code, string path, string message) =>
        ToOutcome([new FhirIssue(code, path, message)]);
}
