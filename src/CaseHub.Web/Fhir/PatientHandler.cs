using System.Linq.Expressions;
using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Patients;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Fhir.Patients;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;
using DomainPatient = CaseHub.Core.Patients.Patient;

namespace CaseHub.Web.Fhir;

/// <summary>Patient: read, search, create (a caseworker's own municipality) and update, through the patient use cases.</summary>
public sealed class PatientHandler(
    CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history, RegisterPatient register, UpdatePatient update)
    : FhirResourceHandler
{
    public override FhirResourceDefinition Definition { get; } = new(
        "Patient",
        CaseHubUrls.PatientProfile,
        [
            new("_id", SearchParamType.Token, "The patient's logical id; several separated by commas."),
            new("identifier", SearchParamType.Token, "The CPR number: urn:oid:1.2.208.176.1.2|DDMMYYSSSS."),
            new("_lastUpdated", SearchParamType.Date, "When the patient's details last changed, with prefix eq, ge, gt, le or lt."),
        ],
        Create: true,
        Update: true,
        ConditionalCreate: true,
        Documentation: "Created by municipal caseworkers for citizens of their own municipality; wards register patients by admitting them.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var patientId) || !await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return FhirResponse.NotFound("Patient", id);
        }

        var decision = await guard.CheckAsync(patientId, DataKind.Case, AccessMode.Read, "fhir.read", $"Patient/{id}", ct);
        return decision.Allowed ? await CurrentAsync(patientId, ct) : FhirResponse.Forbidden("Patient", id);
    }

    private async Task<FhirResponse> CurrentAsync(Guid patientId, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var patient = await db.Patients.AsNoTracking().Include(p => p.Municipality).FirstAsync(p => p.Id == patientId, ct);
        var resource = PatientMapper.ToFhir(patient);
        return FhirResponse.Ok(resource, await history.CurrentAsync(resource, patientId, patient.UpdatedAt, ct), status);
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var query = guard.VisiblePatients().AsNoTracking();
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(p => ids.Contains(p.Id));
                    break;
                case "identifier":
                    var (system, cpr) = Token(value);
                    query = system is null or CprNumber.FhirSystem ? query.Where(p => p.Cpr == cpr) : query.Where(p => false);
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
        var page = await query.Include(p => p.Municipality)
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id)
            .Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        await audit.RecordListAsync(guard.User, DataKind.Case, page.Select(p => p.Id), ct);
        var resources = new List<Resource>();
        foreach (var patient in page)
        {
            var resource = PatientMapper.ToFhir(patient);
            await history.CurrentAsync(resource, patient.Id, patient.UpdatedAt, ct);
            resources.Add(resource);
        }

        return new FhirSearchResult(null, total, resources);
    }

    /// <summary>A <c>_lastUpdated</c> value as a filter on the patient's UpdatedAt; a date means the whole Danish day.</summary>
    private static Expression<Func<DomainPatient, bool>>? LastUpdated(string value) => DateParameter(value) switch
    {
        ("eq", var low, var high) => p => p.UpdatedAt >= low && p.UpdatedAt < high,
        ("ge", var low, _) => p => p.UpdatedAt >= low,
        ("gt", _, var high) => p => p.UpdatedAt >= high,
        ("le", _, var high) => p => p.UpdatedAt < high,
        ("lt", var low, _) => p => p.UpdatedAt < low,
        _ => null,
    };

    public override async Task<FhirResponse> CreateAsync(Resource resource, CancellationToken ct)
    {
        var (details, issues) = PatientMapper.FromFhir((Hl7.Fhir.Model.Patient)resource);
        if (issues.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues);
        }

        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var outcome = await register.ExecuteAsync(guard.User, details, ct);
        if (!outcome.Succeeded)
        {
            return DomainErrors(outcome.Errors);
        }

        var patient = outcome.Value!;
        await guard.CheckAsync(patient.Id, DataKind.Case, AccessMode.Write, "fhir.create", $"Patient/{patient.Id}", ct);
        var created = PatientMapper.ToFhir(patient);
        var version = await history.AppendAsync(created, patient.Id, 0, patient.UpdatedAt, ct);
        await transaction.CommitAsync(ct);
        return FhirResponse.Ok(created, version, StatusCodes.Status201Created);
    }

    public override async Task<FhirResponse> UpdateAsync(string id, Resource resource, int? ifMatch, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var patientId) || !await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return FhirResponse.NotFound("Patient", id);
        }

        var decision = await guard.CheckAsync(patientId, DataKind.Case, AccessMode.Write, "fhir.update", $"Patient/{id}", ct);
        if (!decision.Allowed)
        {
            return FhirResponse.Forbidden("Patient", id);
        }

        var (details, issues) = PatientMapper.FromFhir((Hl7.Fhir.Model.Patient)resource);
        if (issues.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues);
        }

        var current = await CurrentAsync(patientId, ct);
        if (ifMatch is { } expected && expected != current.Version!.VersionId)
        {
            return Stale("Patient", id, expected, current.Version!.VersionId);
        }

        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var outcome = await update.ExecuteAsync(patientId, details, ct);
        if (!outcome.Succeeded)
        {
            return DomainErrors(outcome.Errors);
        }

        var updated = PatientMapper.ToFhir(outcome.Value!);
        try
        {
            var version = await history.AppendAsync(updated, patientId, current.Version!.VersionId, outcome.Value!.UpdatedAt, ct);
            await transaction.CommitAsync(ct);
            return FhirResponse.Ok(updated, version);
        }
        catch (VersionConflictException)
        {
            return Stale("Patient", id, current.Version!.VersionId, current.Version!.VersionId + 1);
        }
    }

    internal static FhirResponse Stale(string type, string id, int expected, int actual) =>
        FhirResponse.Error(StatusCodes.Status412PreconditionFailed, IssueType.Conflict, type,
            $"{type}/{id} er ændret af en anden (version {actual}, du havde version {expected}); hent den igen og prøv forfra.");

    private static FhirResponse DomainErrors(Core.Common.FieldErrors errors) =>
        errors.ContainsKey(string.Empty)
            ? FhirResponse.Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, "Patient", errors[string.Empty])
            : FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity,
                errors.Select(e => new FhirIssue(IssueType.BusinessRule, PatientMapper.PathOf(e.Key), e.Value)));
}
