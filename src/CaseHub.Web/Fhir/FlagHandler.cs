using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.Flags;
using CaseHub.Fhir.History;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>
/// Flag (casehub-flag): open and resolved flags on the patients the caller may see (DataKind.Case, as the case page
/// shows a patient's flags whichever organization owns them). Raised and resolved by the rules; the responsible
/// organization may dismiss one through update, with the same rule as the Afvis page (<see cref="FlagDismissal"/>).
/// </summary>
public sealed class FlagHandler(
    CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history, IEnumerable<IFlagRule> rules, FlagDismissal dismissal)
    : PatientDataHandler(history)
{
    private readonly ResourceHistory versions = history;

    private readonly Dictionary<string, string> names = rules.ToDictionary(r => r.Id, r => r.Name);

    public override FhirResourceDefinition Definition { get; } = new(
        "Flag",
        CaseHubUrls.FlagProfile,
        [
            new("_id", SearchParamType.Token, "The flag's logical id; several separated by commas."),
            new("patient", SearchParamType.Reference, "The patient: Patient/{id}."),
            new("subject", SearchParamType.Reference, "The same as patient."),
            new("status", SearchParamType.Token, "active (open) or inactive (resolved); several separated by commas."),
            new("code", SearchParamType.Token, "The rule that raised it, system https://casehub.dk/fhir/CodeSystem/flag-rule; several separated by commas."),
            new("_lastUpdated", SearchParamType.Date, "When the flag last changed (meta.lastUpdated), with prefix eq, ge, gt, le or lt."),
        ],
        Update: true,
        Documentation: "Flags raised by CaseHub's rules (code from flag-rule, text the Danish summary); the organization that must act is the responsible-organization "
            + "extension; period.start is the day the condition began, period.end when it was resolved. Update (PUT with If-Match) can only dismiss an active flag: "
            + "status inactive with period.end (CaseHub records the time itself) and the reason in the dismiss-reason extension, by the responsible organization, "
            + "as on the Afvis page. Flags are otherwise raised and resolved by the rules.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var subject = Guid.TryParse(id, out var flagId)
            ? await db.Flags.Where(f => f.Id == flagId).Select(f => new { f.PatientId, f.SubjectKind }).FirstOrDefaultAsync(ct)
            : null;
        if (subject is null)
        {
            return FhirResponse.NotFound("Flag", id);
        }

        var decision = await guard.CheckAsync(subject.PatientId, FlagSubject.DataKindOf(subject.SubjectKind), AccessMode.Read, "fhir.read", $"Flag/{id}", ct);
        return decision.Allowed ? await OkAsync((await MapAsync([flagId], ct))[0], ct) : FhirResponse.Forbidden("Flag", id);
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var query = FlagSubject.Visible(db.Flags.AsNoTracking(), guard.VisiblePatients);
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(f => ids.Contains(f.Id));
                    break;
                case "patient" or "subject":
                    var patientId = ReferenceId(value, "Patient");
                    query = query.Where(f => f.PatientId == patientId);
                    break;
                case "status":
                    var statuses = value.Split(',', StringSplitOptions.TrimEntries);
                    var open = statuses.Contains("active");
                    var resolved = statuses.Contains("inactive");
                    query = query.Where(f => (open && f.ResolvedAt == null) || (resolved && f.ResolvedAt != null));
                    break;
                case "code":
                    var codes = value.Split(',', StringSplitOptions.TrimEntries).Select(Token)
                        .Where(t => t.System is null or CaseHubUrls.FlagRuleSystem).Select(t => t.Value).ToList();
                    query = query.Where(f => codes.Contains(f.Rule));
                    break;
            }
        }

        var ordered = query.OrderByDescending(f => f.RaisedAt).ThenBy(f => f.Id).Select(f => f.Id);
        return await PageAsync(ordered, search, rows => MapAsync(rows, ct),
            patients => audit.RecordListAsync(guard.User, DataKind.Case, patients, ct), ct);
    }

    private async Task<List<MappedResource>> MapAsync(List<Guid> flagIds, CancellationToken ct)
    {
        var flags = await db.Flags.AsNoTracking().Include(f => f.Patient).Include(f => f.OwnerOrganization)
            .Where(f => flagIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        return flagIds.Select(id => flags[id]).Select(f => new MappedResource(
            FlagMapper.ToFhir(f, names.GetValueOrDefault(f.Rule, f.Rule)), f.PatientId, f.ResolvedAt ?? f.RaisedAt)).ToList();
    }

    public override async Task<FhirResponse> UpdateAsync(string id, Resource resource, int? ifMatch, CancellationToken ct)
    {
        var flag = Guid.TryParse(id, out var flagId) ? await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Id == flagId, ct) : null;
        if (flag is null)
        {
            return FhirResponse.NotFound("Flag", id);
        }

        var decision = await guard.CheckAsync(flag.PatientId, FlagSubject.DataKindOf(flag.SubjectKind), AccessMode.Write, "fhir.update", $"Flag/{id}", ct);
        if (!decision.Allowed)
        {
            return FhirResponse.Forbidden("Flag", id);
        }

        var current = (await MapAsync([flagId], ct))[0];
        var before = await StampAsync(current, ct);
        if (ifMatch is { } expected && expected != before.VersionId)
        {
            return PatientHandler.Stale("Flag", id, expected, before.VersionId);
        }

        var incoming = (Hl7.Fhir.Model.Flag)resource;
        var now = (Hl7.Fhir.Model.Flag)current.Resource;
        var reason = (incoming.GetExtension(CaseHubUrls.DismissReasonExtension)?.Value as FhirString)?.Value;
        var fixedParts = new List<FhirIssue>();
        void Same(string path, string? was, string? sent)
        {
            if (was != sent)
            {
                fixedParts.Add(new FhirIssue(IssueType.BusinessRule, path, $"{path} kan ikke ændres via FHIR; et flag kan kun afvises (status inactive med en begrundelse)."));
            }
        }

        Same("Flag.code.coding[0].code", now.Code?.Coding.FirstOrDefault()?.Code, incoming.Code?.Coding.FirstOrDefault()?.Code);
        Same("Flag.subject.reference", now.Subject?.Reference, incoming.Subject?.Reference);
        Same($"Flag.extension('{CaseHubUrls.ResponsibleOrganizationExtension}').value.reference",
            (now.GetExtension(CaseHubUrls.ResponsibleOrganizationExtension)?.Value as ResourceReference)?.Reference,
            (incoming.GetExtension(CaseHubUrls.ResponsibleOrganizationExtension)?.Value as ResourceReference)?.Reference);
        if (fixedParts.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, fixedParts);
        }

        if (incoming.Status == now.Status)
        {
            return FhirResponse.Ok(current.Resource, before);
        }

        if (now.Status != Hl7.Fhir.Model.Flag.FlagStatus.Active)
        {
            return FhirResponse.Error(StatusCodes.Status422UnprocessableEntity, IssueType.BusinessRule, "Flag.status", "Et løst flag kan ikke genåbnes; reglerne åbner det igen, hvis forholdet vender tilbage.");
        }

        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var outcome = await dismissal.DismissAsync(guard.User, flagId, flag.Version, reason, ct);
        if (!outcome.Succeeded)
        {
            var (field, message) = outcome.Errors.First();
            return field switch
            {
                "Reason" => FhirResponse.Error(StatusCodes.Status422UnprocessableEntity, IssueType.Required, $"Flag.extension('{CaseHubUrls.DismissReasonExtension}')", message),
                "Version" => PatientHandler.Stale("Flag", id, before.VersionId, before.VersionId + 1),
                _ => FhirResponse.Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, "Flag", message),
            };
        }

        db.ChangeTracker.Clear();
        var updated = (await MapAsync([flagId], ct))[0];
        try
        {
            var version = await versions.AppendAsync(updated.Resource, updated.PatientId, before.VersionId, ct: ct);
            await transaction.CommitAsync(ct);
            return FhirResponse.Ok(updated.Resource, version);
        }
        catch (VersionConflictException)
        {
            return PatientHandler.Stale("Flag", id, before.VersionId, before.VersionId + 1);
        }
    }
}
