using System.Globalization;
using CaseHub.Core.Access;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Audit;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>
/// AuditEvent: the audit trail, for administrators answering a citizen's request for who has seen their data. The
/// access policy's audit-trail rule decides, and looking at the trail is itself audited.
/// </summary>
public sealed class AuditEventHandler(CaseHubDbContext db, PatientGuard guard, ResourceHistory history) : FhirResourceHandler
{
    public override FhirResourceDefinition Definition { get; } = new(
        "AuditEvent",
        null,
        [new("patient", SearchParamType.Reference, "Required: the patient whose trail to list, Patient/{id}. Newest first.")],
        Documentation: "Read-only, for administrators. Base FHIR R4 AuditEvent.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var entry = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var entryId)
            ? await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, ct)
            : null;
        if (entry is null)
        {
            return FhirResponse.NotFound("AuditEvent", id);
        }

        var allowed = entry.PatientId is { } patientId
            ? (await guard.CheckAsync(patientId, DataKind.AuditTrail, AccessMode.Read, "fhir.audit.read", $"AuditEvent/{id}", ct)).Allowed
            : guard.User.IsInRole(Roles.Administrator);
        if (!allowed)
        {
            return FhirResponse.Forbidden("AuditEvent", id);
        }

        var resource = AuditEventMapper.ToFhir(entry);
        return FhirResponse.Ok(resource, history.Immutable(resource, entry.At));
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        if (search.Get("patient") is not { } reference)
        {
            return FhirSearchResult.Fail(FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Required, "patient", "Angiv patient=Patient/{id}."));
        }

        var patientId = ReferenceId(reference, "Patient");
        var decision = await guard.CheckAsync(patientId, DataKind.AuditTrail, AccessMode.Read, "fhir.audit.search", null, ct);
        if (!decision.Allowed)
        {
            return FhirSearchResult.Fail(FhirResponse.Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, "patient", "Du har ikke adgang til borgerens revisionsspor."));
        }

        var query = db.AuditEntries.AsNoTracking().Where(e => e.PatientId == patientId);
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(e => e.Id).Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        var resources = new List<Resource>();
        foreach (var entry in page)
        {
            var resource = AuditEventMapper.ToFhir(entry);
            history.Immutable(resource, entry.At);
            resources.Add(resource);
        }

        return new FhirSearchResult(null, total, resources);
    }
}
