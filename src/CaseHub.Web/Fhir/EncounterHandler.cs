using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Audit;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Fhir.Admissions;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>Encounter (casehub-admission): read, search, and create through AdmitPatient (the ward's own admissions).</summary>
public sealed class EncounterHandler(
    CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history, AdmitPatient admit, UpdateAdmission change)
    : FhirResourceHandler
{
    public override FhirResourceDefinition Definition { get; } = new(
        "Encounter",
        CaseHubUrls.AdmissionProfile,
        [
            new("_id", SearchParamType.Token, "The admission's logical id; several separated by commas."),
            new("patient", SearchParamType.Reference, "The admitted patient: Patient/{id}."),
            new("subject", SearchParamType.Reference, "The same as patient."),
            new("status", SearchParamType.Token, "in-progress (admitted now) or finished (discharged); several separated by commas."),
            new("date", SearchParamType.Date, "Admissions whose period overlaps the date, with prefix eq, ge, gt, le or lt; a date is a whole Danish day."),
        ],
        Create: true,
        Update: true,
        Documentation: "Psychiatric admissions. Created by a ward contact person for a patient they may see, on their own ward, through the same rules as the admission form; "
            + "updated by the ward (legal basis, target-group marking, planned discharge, discharge as period.end with status finished).");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var patientId = Guid.TryParse(id, out var admissionId)
            ? await db.Admissions.Where(a => a.Id == admissionId).Select(a => (Guid?)a.PatientId).FirstOrDefaultAsync(ct)
            : null;
        if (patientId is null)
        {
            return FhirResponse.NotFound("Encounter", id);
        }

        var decision = await guard.CheckAsync(patientId.Value, DataKind.Case, AccessMode.Read, "fhir.read", $"Encounter/{id}", ct);
        return decision.Allowed ? await CurrentAsync(admissionId, ct) : FhirResponse.Forbidden("Encounter", id);
    }

    private async Task<FhirResponse> CurrentAsync(Guid admissionId, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var admission = await db.Admissions.AsNoTracking().Include(a => a.Patient).Include(a => a.Ward).FirstAsync(a => a.Id == admissionId, ct);
        var resource = EncounterMapper.ToFhir(admission);
        return FhirResponse.Ok(resource, await history.CurrentAsync(resource, admission.PatientId, ct: ct), status);
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var visible = guard.VisiblePatients();
        var query = db.Admissions.AsNoTracking().Where(a => visible.Any(p => p.Id == a.PatientId));
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(a => ids.Contains(a.Id));
                    break;
                case "patient" or "subject":
                    var patientId = ReferenceId(value, "Patient");
                    query = query.Where(a => a.PatientId == patientId);
                    break;
                case "status":
                    var statuses = value.Split(',', StringSplitOptions.TrimEntries);
                    var current = statuses.Contains("in-progress");
                    var finished = statuses.Contains("finished");
                    query = query.Where(a => (current && a.End == null) || (finished && a.End != null));
                    break;
                case "date":
                    if (DateParameter(value) is not { } range)
                    {
                        return FhirSearchResult.Fail(FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, "date",
                            $"'{value}' er ikke en gyldig dato; brug fx ge2026-03-01."));
                    }

                    // The period [Start, End or still going) overlaps the range the parameter stands for.
                    var (prefix, low, high) = range;
                    query = prefix switch
                    {
                        "eq" => query.Where(a => a.Start < high && (a.End == null || a.End >= low)),
                        "ge" => query.Where(a => a.End == null || a.End >= low),
                        "gt" => query.Where(a => a.End == null || a.End >= high),
                        "le" => query.Where(a => a.Start < high),
                        _ => query.Where(a => a.Start < low),
                    };
                    break;
            }
        }

        var total = await query.CountAsync(ct);
        var page = await query.Include(a => a.Patient).Include(a => a.Ward)
            .OrderByDescending(a => a.Start).ThenBy(a => a.Id)
            .Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        await audit.RecordListAsync(guard.User, DataKind.Case, page.Select(a => a.PatientId).Distinct(), ct);
        var resources = new List<Resource>();
        foreach (var admission in page)
        {
            var resource = EncounterMapper.ToFhir(admission);
            await history.CurrentAsync(resource, admission.PatientId, ct: ct);
            resources.Add(resource);
        }

        return new FhirSearchResult(null, total, resources);
    }

    public override async Task<FhirResponse> CreateAsync(Resource resource, CancellationToken ct)
    {
        var encounter = (Encounter)resource;
        var (data, issues) = EncounterMapper.FromFhir(encounter);
        if (issues.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues);
        }

        // A reference to a patient that does not exist, or that the caller may not see, gets the same answer, so the
        // API does not tell which patients exist; the refusal is audited like any other.
        var patientId = data.PatientId!.Value;
        var exists = await db.Patients.AnyAsync(p => p.Id == patientId, ct);
        var decision = exists
            ? await guard.CheckAsync(patientId, DataKind.Case, AccessMode.Write, "fhir.create", "Encounter", ct)
            : AccessDecision.Deny("no-such-patient");
        if (!decision.Allowed)
        {
            return FhirResponse.Error(StatusCodes.Status422UnprocessableEntity, IssueType.NotFound, "Encounter.subject.reference",
                $"{encounter.Subject?.Reference} findes ikke, eller du har ikke adgang til borgeren.");
        }

        var rules = new List<FhirIssue>();
        if (data.Start is null)
        {
            rules.Add(new FhirIssue(IssueType.Value, "Encounter.period.start", "Angiv indlæggelsestidspunktet som en dato eller et tidspunkt med tidszone."));
        }

        if (data.WardId != guard.User.OrganizationId)
        {
            rules.Add(new FhirIssue(IssueType.BusinessRule, "Encounter.serviceProvider.reference", "Du kan kun registrere indlæggelser på dit eget afsnit."));
        }

        if (encounter.Status != Encounter.EncounterStatus.InProgress || data.End is not null)
        {
            rules.Add(new FhirIssue(IssueType.BusinessRule, "Encounter.status", "En indlæggelse registreres som igangværende (in-progress, uden period.end)."));
        }

        if (rules.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, rules);
        }

        var patient = await db.Patients.AsNoTracking().Include(p => p.Municipality).FirstAsync(p => p.Id == patientId, ct);
        var command = new AdmitPatient.Command(
            patient.Cpr, patient.GivenName, patient.FamilyName, patient.Municipality!.Code,
            DateOnly.FromDateTime(DanishCalendar.ToDanishTime(data.Start!.Value)),
            data.PlannedDischargeDate, data.LegalBasis, data.TargetGroupMarking, data.TargetGroupReason);

        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var outcome = await admit.ExecuteAsync(guard.User, command, ct);
        if (!outcome.Succeeded)
        {
            return DomainErrors(outcome.Errors);
        }

        var admissionId = outcome.Value!.Id;
        db.ChangeTracker.Clear();
        var admission = await db.Admissions.AsNoTracking().Include(a => a.Patient).Include(a => a.Ward).FirstAsync(a => a.Id == admissionId, ct);
        var created = EncounterMapper.ToFhir(admission);
        var version = await history.AppendAsync(created, patientId, 0, ct: ct);
        await transaction.CommitAsync(ct);
        return FhirResponse.Ok(created, version, StatusCodes.Status201Created);
    }

    public override async Task<FhirResponse> UpdateAsync(string id, Resource resource, int? ifMatch, CancellationToken ct)
    {
        var current = Guid.TryParse(id, out var admissionId)
            ? await db.Admissions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == admissionId, ct)
            : null;
        if (current is null)
        {
            return FhirResponse.NotFound("Encounter", id);
        }

        var decision = await guard.CheckAsync(current.PatientId, DataKind.Case, AccessMode.Write, "fhir.update", $"Encounter/{id}", ct);
        if (!decision.Allowed)
        {
            return FhirResponse.Forbidden("Encounter", id);
        }

        var (data, issues) = EncounterMapper.FromFhir((Encounter)resource);
        if (issues.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues);
        }

        var fixedParts = new List<FhirIssue>();
        if (data.PatientId != current.PatientId)
        {
            fixedParts.Add(new FhirIssue(IssueType.BusinessRule, "Encounter.subject.reference", "Borgeren på en indlæggelse kan ikke ændres."));
        }

        if (data.WardId != current.WardId)
        {
            fixedParts.Add(new FhirIssue(IssueType.BusinessRule, "Encounter.serviceProvider.reference", "Afsnittet på en indlæggelse kan ikke ændres."));
        }

        if (data.Start is not { } start || Math.Abs((start - current.Start).TotalSeconds) >= 1)
        {
            fixedParts.Add(new FhirIssue(IssueType.BusinessRule, "Encounter.period.start", "Indlæggelsestidspunktet kan ikke ændres."));
        }

        if (fixedParts.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, fixedParts);
        }

        var before = await CurrentAsync(admissionId, ct);
        if (ifMatch is { } expected && expected != before.Version!.VersionId)
        {
            return PatientHandler.Stale("Encounter", id, expected, before.Version!.VersionId);
        }

        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var outcome = await change.ExecuteAsync(guard.User, admissionId,
            new UpdateAdmission.Command(data.End, data.PlannedDischargeDate, data.LegalBasis, data.TargetGroupMarking, data.TargetGroupReason), ct);
        if (!outcome.Succeeded)
        {
            return DomainErrors(outcome.Errors);
        }

        db.ChangeTracker.Clear();
        var admission = await db.Admissions.AsNoTracking().Include(a => a.Patient).Include(a => a.Ward).FirstAsync(a => a.Id == admissionId, ct);
        var updated = EncounterMapper.ToFhir(admission);
        try
        {
            var version = await history.AppendAsync(updated, admission.PatientId, before.Version!.VersionId, ct: ct);
            await transaction.CommitAsync(ct);
            return FhirResponse.Ok(updated, version);
        }
        catch (VersionConflictException)
        {
            return PatientHandler.Stale("Encounter", id, before.Version!.VersionId, before.Version!.VersionId + 1);
        }
    }

    private static FhirResponse DomainErrors(Core.Common.FieldErrors errors) =>
        errors.ContainsKey(string.Empty)
            ? FhirResponse.Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, "Encounter", errors[string.Empty])
            : FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, errors.Select(e => new FhirIssue(IssueType.BusinessRule, PathOf(e.Key), e.Value)));

    private static string PathOf(string field) => field switch
    {
        nameof(AdmitPatient.Command.Cpr) => "Encounter.subject",
        nameof(AdmitPatient.Command.AdmittedOn) => "Encounter.period.start",
        nameof(UpdateAdmission.Command.End) => "Encounter.period.end",
        nameof(AdmitPatient.Command.PlannedDischargeDate) => $"Encounter.extension.where(url='{CaseHubUrls.PlannedDischargeDateExtension}').value",
        nameof(AdmitPatient.Command.TargetGroupReason) => $"Encounter.extension.where(url='{CaseHubUrls.TargetGroupReasonExtension}').value",
        _ => "Encounter",
    };
}
