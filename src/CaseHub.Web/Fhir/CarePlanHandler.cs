using System.Linq.Expressions;
using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Fhir.Agreements;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Fhir.Validation;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>
/// CarePlan (casehub-udskrivningsaftale, casehub-koordinationsplan): read and search of every version of a document,
/// under the same access rules as the case page (DataKind.Document: ward, receiving municipality, team, consent);
/// create and update through the same use cases as the document page (<see cref="CareDocuments"/>), the write part
/// in <c>CarePlanHandler.Write.cs</c>.
/// </summary>
public sealed partial class CarePlanHandler(
    CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history, CareDocuments documents, ProfileValidator validator)
    : FhirResourceHandler
{
    public override FhirResourceDefinition Definition { get; } = new(
        "CarePlan",
        null,
        [
            new("_id", SearchParamType.Token, "The document version's logical id; several separated by commas."),
            new("patient", SearchParamType.Reference, "The patient: Patient/{id}."),
            new("subject", SearchParamType.Reference, "The same as patient."),
            new("status", SearchParamType.Token, "draft, active (sent, accepted or in force), completed (ended), revoked (superseded) or entered-in-error; several separated by commas."),
            new("category", SearchParamType.Token, "discharge-agreement (udskrivningsaftale) or coordination-plan (koordinationsplan), system https://casehub.dk/fhir/CodeSystem/document-kind."),
            new("_lastUpdated", SearchParamType.Date, "When the document version last changed, with prefix eq, ge, gt, le or lt."),
            new("identifier", SearchParamType.Token, "The document's series: https://casehub.dk/fhir/sid/care-document|{uuid}; matches its newest version."),
        ],
        Create: true,
        Update: true,
        ConditionalCreate: true,
        Documentation: "Udskrivningsaftaler and koordinationsplaner, one CarePlan per version (replaces points at the previous version). "
            + "The exact workflow status is in the document-status extension; content fields are notes coded from document-section. "
            + "Create (meta.profile names the kind): the ward contact person of the admission in CarePlan.encounter starts a document as draft, or sends it at once (document-status sent); "
            + "a client-chosen identifier makes it idempotent with If-None-Exist. Update (If-Match): the ward edits a draft's notes and activities and sends it (draft -> sent); "
            + "the receiving municipality adds its part (social services, meeting, comments, its own activities) to a sent document and accepts it (sent -> accepted). "
            + "Other status changes (active at discharge, new versions, ended, entered-in-error) are made in CaseHub and are refused here (409). "
            + "Participants are document-participant extensions (sending needs one besides the ward contact person); they can be removed only from a draft.",
        SupportedProfiles: [CaseHubUrls.UdskrivningsaftaleProfile, CaseHubUrls.KoordinationsplanProfile]);

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var patientId = Guid.TryParse(id, out var documentId)
            ? await db.CareDocuments.Where(d => d.Id == documentId).Select(d => (Guid?)d.PatientId).FirstOrDefaultAsync(ct)
            : null;
        if (patientId is null)
        {
            return FhirResponse.NotFound("CarePlan", id);
        }

        var decision = await guard.CheckAsync(patientId.Value, DataKind.Document, AccessMode.Read, "fhir.read", $"CarePlan/{id}", ct);
        if (!decision.Allowed)
        {
            return FhirResponse.Forbidden("CarePlan", id);
        }

        var document = await Documents().FirstAsync(d => d.Id == documentId, ct);
        var resource = CarePlanMapper.ToFhir(document, await db.TeamMembers.AnyAsync(m => m.PatientId == document.PatientId, ct));
        return FhirResponse.Ok(resource, await history.CurrentAsync(resource, document.PatientId, document.UpdatedAt, ct));
    }

    private IQueryable<CareDocument> Documents() => db.CareDocuments.AsNoTracking()
        .Include(d => d.Patient).Include(d => d.AuthoringWard).Include(d => d.ReceivingMunicipality).Include(d => d.Actions)
        .Include(d => d.Participants).AsSplitQuery();

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var visible = guard.VisiblePatients(DataKind.Document);
        var query = db.CareDocuments.AsNoTracking().Where(d => visible.Any(p => p.Id == d.PatientId));
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(d => ids.Contains(d.Id));
                    break;
                case "patient" or "subject":
                    var patientId = ReferenceId(value, "Patient");
                    query = query.Where(d => d.PatientId == patientId);
                    break;
                case "status":
                    var statuses = value.Split(',', StringSplitOptions.TrimEntries).SelectMany(CarePlanMapper.StatusesFor).ToList();
                    query = query.Where(d => statuses.Contains(d.Status));
                    break;
                case "category":
                    var kinds = value.Split(',', StringSplitOptions.TrimEntries).Select(Token)
                        .Where(t => t.System is null or CaseHubUrls.DocumentKindSystem)
                        .Select(t => CarePlanMapper.KindOf(t.Value)).OfType<DocumentKind>().ToList();
                    query = query.Where(d => kinds.Contains(d.Kind));
                    break;
                case "identifier":
                    var (system, text) = Token(value);
                    var series = system is null or CaseHubUrls.CareDocumentSystem && Guid.TryParse(text, out var s) ? s : Guid.Empty;
                    query = query.Where(d => d.SeriesId == series && !db.CareDocuments.Any(n => n.SeriesId == d.SeriesId && n.Revision > d.Revision));
                    break;
                case "_lastUpdated":
                    if (LastUpdated(value) is not { } filter)
                    {
                        return FhirSearchResult.Fail(FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, "_lastUpdated",
                            $"'{value}' er ikke en gyldig dato; brug fx ge2026-03-01 eller lt2026-03-01T12:00:00Z."));
                    }

                    query = query.Where(filter);
                    break;
            }
        }

        var total = await query.CountAsync(ct);
        var pageIds = await query.OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id).Select(d => d.Id)
            .Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        var page = (await Documents().Where(d => pageIds.Contains(d.Id)).ToListAsync(ct)).OrderBy(d => pageIds.IndexOf(d.Id)).ToList();
        await audit.RecordListAsync(guard.User, DataKind.Document, page.Select(d => d.PatientId).Distinct(), ct);
        var patientIds = page.Select(d => d.PatientId).Distinct().ToList();
        var withTeam = await db.TeamMembers.Where(m => patientIds.Contains(m.PatientId)).Select(m => m.PatientId).Distinct().ToListAsync(ct);
        var resources = new List<Resource>();
        foreach (var document in page)
        {
            var resource = CarePlanMapper.ToFhir(document, withTeam.Contains(document.PatientId));
            await history.CurrentAsync(resource, document.PatientId, document.UpdatedAt, ct);
            resources.Add(resource);
        }

        return new FhirSearchResult(null, total, resources);
    }

    /// <summary>A <c>_lastUpdated</c> value as a filter on the document's UpdatedAt; a date means the whole Danish day.</summary>
    private static Expression<Func<CareDocument, bool>>? LastUpdated(string value) => DateParameter(value) switch
    {
        ("eq", var low, var high) => d => d.UpdatedAt >= low && d.UpdatedAt < high,
        ("ge", var low, _) => d => d.UpdatedAt >= low,
        ("gt", _, var high) => d => d.UpdatedAt >= high,
        ("le", _, var high) => d => d.UpdatedAt < high,
        ("lt", var low, _) => d => d.UpdatedAt < low,
        _ => null,
    };
}
