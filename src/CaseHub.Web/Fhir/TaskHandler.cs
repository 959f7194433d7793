using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.FollowUps;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Admissions;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.FollowUps;
using CaseHub.Fhir.History;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using FhirTask = Hl7.Fhir.Model.Task;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>
/// Task (casehub-follow-up): follow-up tasks from netværksmøder. Tasks are the owning sector's data: across sectors
/// they need the patient's active consent (DataKind.FollowUp with the owner's sector), as on the case and meeting
/// pages. Update completes a task through <see cref="FollowUpService"/>, the same rule as "Mine opgaver".
/// </summary>
public sealed class TaskHandler(
    CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history, TimeProvider clock, FollowUpService followUps)
    : PatientDataHandler(history)
{
    private readonly ResourceHistory versions = history;

    public override FhirResourceDefinition Definition { get; } = new(
        "Task",
        CaseHubUrls.FollowUpProfile,
        [
            new("_id", SearchParamType.Token, "The task's logical id; several separated by commas."),
            new("patient", SearchParamType.Reference, "The patient: Patient/{id}."),
            new("subject", SearchParamType.Reference, "The same as patient (Task.for)."),
            new("status", SearchParamType.Token, "requested (open) or completed; several separated by commas."),
            new("focus", SearchParamType.Reference, "What the task came from: Appointment/{id} (the network meeting)."),
            new("owner", SearchParamType.Reference, "The owner: PractitionerRole/{id} (the responsible person) or Organization/{id} (the responsible organization, also matching its people's tasks)."),
            new("period", SearchParamType.Date, "The due date (restriction.period.end), with prefix eq, ge, gt, le or lt."),
            new("_lastUpdated", SearchParamType.Date, "When the task last changed (meta.lastUpdated), with prefix eq, ge, gt, le or lt."),
        ],
        Create: true,
        Update: true,
        Documentation: "Follow-up tasks decided at network meetings. Create (POST) records a decision of a held meeting (focus = the Appointment) by the "
            + "meeting's chair, with an owner from the team (owner = PractitionerRole of a staff member) and a due date, through the same rules as the meeting page. "
            + "Update (PUT with If-Match) can only "
            + "complete an open task (status requested -> completed), by its owner, as in 'Mine opgaver'; every other element must stay as it is. "
            + "Tasks owned by another sector need the patient's active cross-sector consent.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var task = Guid.TryParse(id, out var taskId)
            ? await db.FollowUpTasks.AsNoTracking().Include(t => t.OwnerOrganization).FirstOrDefaultAsync(t => t.Id == taskId, ct)
            : null;
        if (task is null)
        {
            return FhirResponse.NotFound("Task", id);
        }

        var decision = await guard.CheckAsync(task.PatientId, DataKind.FollowUp, AccessMode.Read, task.OwnerOrganization!.Sector, "fhir.read", $"Task/{id}", ct);
        return decision.Allowed ? await OkAsync((await MapAsync([taskId], ct))[0], ct) : FhirResponse.Forbidden("Task", id);
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var user = guard.User;
        var visible = guard.VisiblePatients(DataKind.FollowUp);
        var ownSector = Enum.GetValues<OrganizationKind>().Where(k => Core.Organizations.Organization.SectorOf(k) == user.Sector).ToList();
        var today = DanishCalendar.Today(clock);

        // The policy's sector rule as a filter: the user's own sector's tasks, or any with an active consent.
        var query = db.FollowUpTasks.AsNoTracking()
            .Where(t => visible.Any(p => p.Id == t.PatientId))
            .Where(t => ownSector.Contains(t.OwnerOrganization!.Kind)
                || db.CrossSectorConsents.Any(c => c.PatientId == t.PatientId && c.GivenOn <= today
                    && (c.WithdrawnOn == null || c.WithdrawnOn > today) && (c.ValidUntil == null || c.ValidUntil >= today)));
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(t => ids.Contains(t.Id));
                    break;
                case "patient" or "subject":
                    var patientId = ReferenceId(value, "Patient");
                    query = query.Where(t => t.PatientId == patientId);
                    break;
                case "status":
                    var statuses = value.Split(',', StringSplitOptions.TrimEntries);
                    var open = statuses.Contains("requested");
                    var completed = statuses.Contains("completed");
                    query = query.Where(t => (open && t.CompletedAt == null) || (completed && t.CompletedAt != null));
                    break;
                case "focus":
                    // Follow-up tasks come from meetings; a focus of any other type (a CarePlan) matches none today.
                    var meetingId = value.StartsWith("Appointment/", StringComparison.Ordinal) || !value.Contains('/', StringComparison.Ordinal)
                        ? ReferenceId(value, "Appointment") : Guid.Empty;
                    query = query.Where(t => t.MeetingId == meetingId);
                    break;
                case "owner":
                    var person = value.StartsWith("PractitionerRole/", StringComparison.Ordinal) ? ReferenceId(value, "PractitionerRole") : Guid.Empty;
                    var organization = value.StartsWith("Organization/", StringComparison.Ordinal) ? ReferenceId(value, "Organization") : Guid.Empty;
                    query = query.Where(t => t.OwnerUserId == person || t.OwnerOrganizationId == organization);
                    break;
                case "period":
                    if (DateParameter(value) is not { } range)
                    {
                        return BadDate("period", value);
                    }

                    // The due date is a Danish calendar day: compare days.
                    var (prefix, low, _) = range;
                    var day = DateOnly.FromDateTime(DanishCalendar.ToDanishTime(low));
                    query = prefix switch
                    {
                        "eq" => query.Where(t => t.DueDate == day),
                        "ge" => query.Where(t => t.DueDate >= day),
                        "gt" => query.Where(t => t.DueDate > day),
                        "le" => query.Where(t => t.DueDate <= day),
                        _ => query.Where(t => t.DueDate < day),
                    };
                    break;
            }
        }

        var ordered = query.OrderBy(t => t.DueDate).ThenBy(t => t.Id).Select(t => t.Id);
        return await PageAsync(ordered, search, rows => MapAsync(rows, ct),
            patients => audit.RecordListAsync(user, DataKind.FollowUp, patients, ct), ct);
    }

    private async Task<List<MappedResource>> MapAsync(List<Guid> taskIds, CancellationToken ct)
    {
        var tasks = await db.FollowUpTasks.AsNoTracking()
            .Include(t => t.Patient).Include(t => t.OwnerOrganization).Include(t => t.OwnerUser)
            .Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return taskIds.Select(id => tasks[id]).Select(t => new MappedResource(TaskMapper.ToFhir(t), t.PatientId, t.CompletedAt ?? t.CreatedAt)).ToList();
    }

    public override async Task<FhirResponse> CreateAsync(Resource resource, CancellationToken ct)
    {
        var incoming = (FhirTask)resource;
        var issues = new List<FhirIssue>();
        var meetingId = EncounterMapper.IdOf(incoming.Focus?.Reference, "Appointment", "Task.focus.reference", issues);
        var patientId = EncounterMapper.IdOf(incoming.For?.Reference, "Patient", "Task.for.reference", issues);
        var ownerUserId = EncounterMapper.IdOf(incoming.Owner?.Reference, "PractitionerRole", "Task.owner.reference", issues);
        var due = FhirTime.ParseDate(incoming.Restriction?.Period?.End);
        if (due is null)
        {
            issues.Add(new FhirIssue(IssueType.Value, "Task.restriction.period.end", "Angiv fristen som en dato (åååå-mm-dd)."));
        }

        if (incoming.Status != FhirTask.TaskStatus.Requested || incoming.ExecutionPeriod is not null)
        {
            issues.Add(new FhirIssue(IssueType.BusinessRule, "Task.status", "En ny opgave oprettes som åben (requested, uden executionPeriod)."));
        }

        if (issues.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues);
        }

        // A meeting that does not exist, is another patient's, or that the caller may not write to gets the same
        // answer, so the API does not tell which meetings exist; the refusal is audited like any other.
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var decision = meeting is not null && meeting.PatientId == patientId
            ? await guard.CheckAsync(meeting.PatientId, DataKind.FollowUp, AccessMode.Write, guard.User.Sector, "fhir.create", "Task", ct)
            : AccessDecision.Deny("no-such-meeting");
        if (!decision.Allowed)
        {
            return FhirResponse.Error(StatusCodes.Status422UnprocessableEntity, IssueType.NotFound, "Task.focus.reference",
                $"{incoming.Focus?.Reference} findes ikke for {incoming.For?.Reference}, eller du har ikke adgang til borgerens opgaver.");
        }

        // The owner's organization is the staff member's own; the service checks that both are in the team.
        var ownerOrganizationId = await db.StaffUsers.Where(u => u.Id == ownerUserId).Select(u => (Guid?)u.OrganizationId).FirstOrDefaultAsync(ct);
        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var outcome = await followUps.CreateFromMeetingAsync(guard.User, meetingId!.Value,
            new FollowUpService.CreateCommand(incoming.Description, ownerOrganizationId, ownerUserId, due), ct);
        if (!outcome.Succeeded)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, outcome.Errors.Select(e => new FhirIssue(IssueType.BusinessRule, e.Key switch
            {
                nameof(FollowUpService.CreateCommand.Description) => "Task.description",
                nameof(FollowUpService.CreateCommand.OwnerOrganizationId) or nameof(FollowUpService.CreateCommand.OwnerUserId) => "Task.owner.reference",
                nameof(FollowUpService.CreateCommand.DueDate) => "Task.restriction.period.end",
                _ => "Task.focus.reference",
            }, e.Value)));
        }

        var taskId = outcome.Value!.Id;
        db.ChangeTracker.Clear();
        var created = (await MapAsync([taskId], ct))[0];
        var version = await versions.AppendAsync(created.Resource, created.PatientId, 0, ct: ct);
        await transaction.CommitAsync(ct);
        return FhirResponse.Ok(created.Resource, version, StatusCodes.Status201Created);
    }

    public override async Task<FhirResponse> UpdateAsync(string id, Resource resource, int? ifMatch, CancellationToken ct)
    {
        var task = Guid.TryParse(id, out var taskId)
            ? await db.FollowUpTasks.AsNoTracking().Include(t => t.OwnerOrganization).FirstOrDefaultAsync(t => t.Id == taskId, ct)
            : null;
        if (task is null)
        {
            return FhirResponse.NotFound("Task", id);
        }

        var decision = await guard.CheckAsync(task.PatientId, DataKind.FollowUp, AccessMode.Write, task.OwnerOrganization!.Sector, "fhir.update", $"Task/{id}", ct);
        if (!decision.Allowed)
        {
            return FhirResponse.Forbidden("Task", id);
        }

        var current = (await MapAsync([taskId], ct))[0];
        var before = await StampAsync(current, ct);
        if (ifMatch is { } expected && expected != before.VersionId)
        {
            return PatientHandler.Stale("Task", id, expected, before.VersionId);
        }

        var incoming = (FhirTask)resource;
        var now = (FhirTask)current.Resource;
        var fixedParts = new List<FhirIssue>();
        void Same(string path, string? was, string? sent)
        {
            if (was != sent)
            {
                fixedParts.Add(new FhirIssue(IssueType.BusinessRule, path, $"{path} kan ikke ændres via FHIR; kun status kan sættes til completed."));
            }
        }

        Same("Task.description", now.Description, incoming.Description);
        Same("Task.for.reference", now.For?.Reference, incoming.For?.Reference);
        Same("Task.focus.reference", now.Focus?.Reference, incoming.Focus?.Reference);
        Same("Task.owner.reference", now.Owner?.Reference, incoming.Owner?.Reference);
        Same("Task.restriction.period.end", now.Restriction?.Period?.End, incoming.Restriction?.Period?.End);
        if (incoming.Status != now.Status && !(now.Status == FhirTask.TaskStatus.Requested && incoming.Status == FhirTask.TaskStatus.Completed))
        {
            fixedParts.Add(new FhirIssue(IssueType.BusinessRule, "Task.status", "En åben opgave kan kun afsluttes (completed); en afsluttet opgave kan ikke genåbnes."));
        }

        if (fixedParts.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, fixedParts);
        }

        if (incoming.Status == now.Status)
        {
            return FhirResponse.Ok(current.Resource, before);
        }

        if (!FollowUpService.IsOwner(guard.User, task))
        {
            return FhirResponse.Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, "Task.status", "Kun den ansvarlige person eller organisation kan afslutte opgaven.");
        }

        await using var transaction = await FhirTransaction.BeginAsync(db, ct);
        var outcome = await followUps.CompleteAsync(guard.User, taskId, task.Version, ct);
        if (!outcome.Succeeded)
        {
            // Existence, ownership and status were checked above: what is left is a change by someone else meanwhile.
            return PatientHandler.Stale("Task", id, before.VersionId, before.VersionId + 1);
        }

        db.ChangeTracker.Clear();
        var updated = (await MapAsync([taskId], ct))[0];
        try
        {
            var version = await versions.AppendAsync(updated.Resource, updated.PatientId, before.VersionId, ct: ct);
            await transaction.CommitAsync(ct);
            return FhirResponse.Ok(updated.Resource, version);
        }
        catch (VersionConflictException)
        {
            return PatientHandler.Stale("Task", id, before.VersionId, before.VersionId + 1);
        }
    }
}
