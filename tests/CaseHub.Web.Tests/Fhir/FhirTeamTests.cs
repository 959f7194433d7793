// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Core.Flags;
using CaseHub.Core.Meetings;
using CaseHub.Fhir.Common;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>
/// CareTeam, Appointment, Communication, Task, Consent and Flag through /fhir: read, vread, _history and search under
/// the same access rules as the pages, _include and _revinclude, and completing a task.
/// </summary>
public class FhirTeamTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private const string Peter = "2808691122";

    private Task<Guid> PatientIdAsync(string cpr) => factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    private async Task<Bundle> SearchAsync(string username, string url)
    {
        var response = await (await factory.CachedClientAsync(username)).GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ResourceAsync<Bundle>();
    }

    private static List<T> Matches<T>(Bundle bundle) => bundle.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource).Cast<T>().ToList();

    private static List<Resource> Included(Bundle bundle) => bundle.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource).ToList();

    [Fact]
    public async Task The_team_reads_with_its_stafetholders_and_the_read_is_audited_as_team_data()
    {
        var id = await PatientIdAsync(Peter);
        var response = await (await factory.CachedClientAsync("kontakt.s4")).GetAsync($"/fhir/CareTeam/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var team = await response.ResourceAsync<CareTeam>();

        Assert.Equal($"Patient/{id}", team.Subject.Reference);
        Assert.Equal(CareTeam.CareTeamStatus.Active, team.Status);
        Assert.Equal(5, team.Participant.Count);
        var stafetholders = team.Participant.Where(p => p.Role.Any(r => r.Coding.Any(c => c.Code == "stafetholder"))).Select(p => p.Member.Display).Order().ToList();
        Assert.Equal(2, stafetholders.Count);
        Assert.Contains(team.Participant, p => p.Member.Type == "RelatedPerson" && p.Role[0].Coding[0].Code == "relative" && p.Role[0].Text == "Mor");
        Assert.Equal($"W/\"{team.Meta.VersionId}\"", response.Headers.ETag!.ToString());

        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.PatientId == id && e.Username == "kontakt.s4"));
        Assert.Equal(("fhir.read", "Team", AuditOutcome.Allowed), (entry.Action, entry.DataKind, entry.Outcome));

        var history = await (await (await factory.CachedClientAsync("kontakt.s4")).GetAsync($"/fhir/CareTeam/{id}/_history")).ResourceAsync<Bundle>();
        Assert.Equal(Bundle.BundleType.History, history.Type);
        var vread = await (await factory.CachedClientAsync("kontakt.s4")).GetAsync($"/fhir/CareTeam/{id}/_history/{team.Meta.VersionId}");
        Assert.Equal(HttpStatusCode.OK, vread.StatusCode);
        Assert.Equal(team.Participant.Count, (await vread.ResourceAsync<CareTeam>()).Participant.Count);
    }

    [Fact]
    public async Task A_ward_in_another_region_gets_403_for_the_team_and_finds_nothing()
    {
        var id = await PatientIdAsync(Peter);
        var response = await (await factory.CachedClientAsync("kontakt.aarhus")).GetAsync($"/fhir/CareTeam/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.PatientId == id && e.Username == "kontakt.aarhus"));
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);

        foreach (var type in new[] { "CareTeam", "Appointment", "Communication", "Task", "Consent", "Flag" })
        {
            var bundle = await SearchAsync("kontakt.aarhus", $"/fhir/{type}?patient=Patient/{id}");
            Assert.Equal(0, bundle.Total);
        }
    }

    [Fact]
    public async Task Team_search_by_patient_status_and_last_updated()
    {
        var id = await PatientIdAsync(Peter);
        Assert.Equal(id.ToString(), Matches<CareTeam>(await SearchAsync("sag.aalborg", $"/fhir/CareTeam?subject=Patient/{id}")).Single().Id);
        Assert.Equal(0, (await SearchAsync("sag.aalborg", $"/fhir/CareTeam?patient=Patient/{id}&status=inactive")).Total);
        Assert.Equal(1, (await SearchAsync("sag.aalborg", $"/fhir/CareTeam?_id={id}&_lastUpdated=ge2020-01-01")).Total);
        Assert.Equal(0, (await SearchAsync("sag.aalborg", $"/fhir/CareTeam?_id={id}&_lastUpdated=lt2020-01-01")).Total);
    }

    [Fact]
    public async Task A_care_plan_names_the_team_and_includes_it_on_request()
    {
        var id = await PatientIdAsync(Peter);
        var bundle = await SearchAsync("kontakt.s4", $"/fhir/CarePlan?patient=Patient/{id}&_include=CarePlan:care-team");
        var plan = Matches<CarePlan>(bundle).First();
        Assert.Equal($"CareTeam/{id}", plan.CareTeam.Single().Reference);
        var team = Assert.IsType<CareTeam>(Assert.Single(Included(bundle)));
        Assert.Equal(id.ToString(), team.Id);

        var unsupported = await (await factory.CachedClientAsync("kontakt.s4")).GetAsync($"/fhir/CarePlan?patient=Patient/{id}&_include=CarePlan:subject");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Contains("_include", await unsupported.IssuePathsAsync());
    }

    [Fact]
    public async Task Meetings_are_appointments_and_the_held_one_has_attendance_its_tasks_revincluded()
    {
        var id = await PatientIdAsync(Peter);
        var all = await SearchAsync("kontakt.s4", $"/fhir/Appointment?patient=Patient/{id}");
        Assert.Equal(2, all.Total);
        var held = Matches<Appointment>(await SearchAsync("kontakt.s4", $"/fhir/Appointment?patient=Patient/{id}&status=fulfilled&_revinclude=Task:focus")).Single();
        Assert.True(held.Start.HasValue && held.End.HasValue);
        var attended = held.Participant.Select(p => ((FhirBoolean)p.GetExtension(CaseHubUrls.ParticipantAttendedExtension)?.Value)?.Value).ToList();
        Assert.Contains(false, attended);
        Assert.Contains(true, attended);

        var withTasks = await SearchAsync("kontakt.s4", $"/fhir/Appointment?_id={held.Id}&_revinclude=Task:focus");
        var tasks = Included(withTasks).Cast<FhirTask>().ToList();
        var heldId = Guid.Parse(held.Id);
        Assert.Equal(await factory.WithDbAsync(db => db.FollowUpTasks.CountAsync(t => t.MeetingId == heldId)), tasks.Count);
        Assert.True(tasks.Count >= 2);
        Assert.All(tasks, t => Assert.Equal($"Appointment/{held.Id}", t.Focus.Reference));

        var requested = await SearchAsync("kontakt.s4", $"/fhir/Appointment?patient=Patient/{id}&status=proposed");
        Assert.Equal(Appointment.AppointmentStatus.Proposed, Matches<Appointment>(requested).Single().Status);
        Assert.Equal(1, (await SearchAsync("kontakt.s4", $"/fhir/Appointment?patient=Patient/{id}&date=ge2020-01-01")).Total);

        var page = await SearchAsync("kontakt.s4", $"/fhir/Appointment?patient=Patient/{id}&_count=1");
        Assert.Single(page.Entry);
        var next = page.Link.Single(l => l.Relation == "next").Url;
        var second = await SearchAsync("kontakt.s4", next);
        Assert.NotEqual(page.Entry[0].Resource.Id, second.Entry.Single().Resource.Id);
    }

    [Fact]
    public async Task Tasks_include_their_meeting_and_a_care_plan_revincludes_no_meeting_tasks()
    {
        var id = await PatientIdAsync(Peter);
        var bundle = await SearchAsync("sag.aalborg", $"/fhir/Task?patient=Patient/{id}&_include=Task:focus");
        Assert.Equal(await factory.WithDbAsync(db => db.FollowUpTasks.CountAsync(t => t.PatientId == id)), bundle.Total);
        var meeting = Assert.IsType<Appointment>(Assert.Single(Included(bundle)));
        Assert.All(Matches<FhirTask>(bundle), t => Assert.Equal($"Appointment/{meeting.Id}", t.Focus.Reference));

        // Follow-up tasks come from meetings; the revinclude on CarePlan is supported and finds none of them.
        var plans = await SearchAsync("sag.aalborg", $"/fhir/CarePlan?patient=Patient/{id}&_revinclude=Task:focus");
        Assert.NotEmpty(Matches<CarePlan>(plans));
        Assert.Empty(Included(plans));
    }

    [Fact]
    public async Task Minutes_and_tasks_of_another_sector_need_the_patients_consent()
    {
        // Susanne (Hjørring, no consent) had a meeting hosted by ward S3; give it approved minutes and a task for S3.
        var susanne = await PatientIdAsync("2311780825");
        var meetingId = await factory.WithDbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.PatientId == susanne && m.Status == MeetingStatus.Held);
            var s3 = await db.StaffUsers.SingleAsync(u => u.Username == "kontakt.s3");
            db.Add(new MinutesVersion
            {
                MeetingId = meeting.Id, Number = 1, State = MinutesState.Approved, StatusSinceLast = "Stabil.", EditedByName = "Test", EditedAt = DateTime.UtcNow,
                ApprovedByName = "Test", ApprovedAt = DateTime.UtcNow,
            });
            db.Add(new Core.FollowUps.FollowUpTask
            {
                PatientId = susanne, MeetingId = meeting.Id, Description = "Ring til borgeren.", OwnerOrganizationId = s3.OrganizationId,
                DueDate = new DateOnly(2026, 3, 20), CreatedAt = DateTime.UtcNow, CreatedByName = "Test",
            });
            await db.SaveChangesAsync();
            return meeting.Id;
        });

        var ward = await (await factory.CachedClientAsync("kontakt.s3")).GetAsync($"/fhir/Communication/{meetingId}");
        Assert.Equal(HttpStatusCode.OK, ward.StatusCode);
        var minutes = await ward.ResourceAsync<Communication>();
        Assert.Equal($"Appointment/{meetingId}", minutes.About.Single().Reference);
        Assert.Equal("Stabil.", ((FhirString)minutes.Payload.Single().Content).Value);

        var municipality = await (await factory.CachedClientAsync("sag.hjoerring")).GetAsync($"/fhir/Communication/{meetingId}");
        Assert.Equal(HttpStatusCode.Forbidden, municipality.StatusCode);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.PatientId == susanne && e.Username == "sag.hjoerring"));
        Assert.Equal(("no-cross-sector-consent", AuditOutcome.Denied), (entry.Rule, entry.Outcome));
        Assert.Equal(0, (await SearchAsync("sag.hjoerring", $"/fhir/Communication?patient=Patient/{susanne}")).Total);
        Assert.Equal(0, (await SearchAsync("sag.hjoerring", $"/fhir/Task?patient=Patient/{susanne}")).Total);
        Assert.Equal(1, (await SearchAsync("kontakt.s3", $"/fhir/Task?patient=Patient/{susanne}")).Total);

        // Peter's meeting was hosted by Aalborg Kommune; the ward reads its minutes because Peter has consented.
        var peter = await PatientIdAsync(Peter);
        var peterMinutes = await SearchAsync("kontakt.s4", $"/fhir/Communication?subject=Patient/{peter}&sent=ge2020-01-01");
        Assert.Equal(7, Matches<Communication>(peterMinutes).Single().Payload.Count);
    }

    [Fact]
    public async Task The_owner_completes_a_task_with_if_match_and_a_stale_version_gets_412()
    {
        var peter = await PatientIdAsync(Peter);
        var taskId = await factory.WithDbAsync(db => db.FollowUpTasks.Where(t => t.PatientId == peter && t.Description.StartsWith("Send epikrise")).Select(t => t.Id).SingleAsync());
        var client = await factory.CachedClientAsync("kontakt.s4");
        var read = await client.GetAsync($"/fhir/Task/{taskId}");
        var task = await read.ResourceAsync<FhirTask>();
        Assert.Equal(FhirTask.TaskStatus.Requested, task.Status);
        var version = task.Meta.VersionId;

        // Another element changed: refused, nothing stored.
        var changed = (FhirTask)task.DeepCopy();
        changed.Description = "Noget andet";
        var refused = await client.SendAsync(HttpMethod.Put, $"/fhir/Task/{taskId}", FhirTestClient.ToJson(changed), headers: ("If-Match", $"W/\"{version}\""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Task.description", await refused.IssuePathsAsync());

        // Someone who does not own it (same patient, other sector's owner) may not complete it.
        task.Status = FhirTask.TaskStatus.Completed;
        var notOwner = await (await factory.CachedClientAsync("sag.aalborg")).SendAsync(HttpMethod.Put, $"/fhir/Task/{taskId}", FhirTestClient.ToJson(task));
        Assert.Equal(HttpStatusCode.Forbidden, notOwner.StatusCode);

        var done = await client.SendAsync(HttpMethod.Put, $"/fhir/Task/{taskId}", FhirTestClient.ToJson(task), headers: ("If-Match", $"W/\"{version}\""));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var completed = await done.ResourceAsync<FhirTask>();
        Assert.Equal(FhirTask.TaskStatus.Completed, completed.Status);
        Assert.NotNull(completed.ExecutionPeriod.End);
        Assert.Equal(int.Parse(version) + 1, int.Parse(completed.Meta.VersionId));
        var stored = await factory.WithDbAsync(db => db.FollowUpTasks.SingleAsync(t => t.Id == taskId));
        Assert.NotNull(stored.CompletedAt);
        Assert.Equal("kontakt.s4", (await factory.WithDbAsync(db => db.StaffUsers.SingleAsync(u => u.Id == stored.CompletedByUserId))).Username);

        var stale = await client.SendAsync(HttpMethod.Put, $"/fhir/Task/{taskId}", FhirTestClient.ToJson(task), headers: ("If-Match", $"W/\"{version}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(1, (await SearchAsync("kontakt.s4", $"/fhir/Task?_id={taskId}&status=completed")).Total);
    }

    [Fact]
    public async Task The_chair_records_a_decision_as_a_task_and_others_get_precise_outcomes()
    {
        var peter = await PatientIdAsync(Peter);
        var (meetingId, wardUserId) = await factory.WithDbAsync(async db => (
            await db.Meetings.Where(m => m.PatientId == peter && m.Status == MeetingStatus.Held).Select(m => m.Id).SingleAsync(),
            await db.StaffUsers.Where(u => u.Username == "kontakt.s4").Select(u => u.Id).SingleAsync()));
        FhirTask Decision(string owner) => new()
        {
            Meta = new Meta { Profile = [CaseHubUrls.FollowUpProfile] },
            Status = FhirTask.TaskStatus.Requested,
            Intent = FhirTask.TaskIntent.Order,
            Code = new CodeableConcept(CaseHubUrls.NetworkMeetingSystem, "follow-up"),
            Description = "Book tid hos egen læge.",
            Focus = new ResourceReference($"Appointment/{meetingId}"),
            For = new ResourceReference($"Patient/{peter}"),
            AuthoredOn = "2026-03-02",
            Owner = new ResourceReference(owner),
            Restriction = new FhirTask.RestrictionComponent { Period = new Period { End = "2027-12-31" } },
        };

        // The meeting was chaired by Aalborg Kommune: the ward may not record its decisions.
        var ward = await (await factory.CachedClientAsync("kontakt.s4")).SendAsync(HttpMethod.Post, "/fhir/Task", FhirTestClient.ToJson(Decision($"PractitionerRole/{wardUserId}")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ward.StatusCode);
        Assert.Contains("Task.focus.reference", await ward.IssuePathsAsync());

        var chair = await factory.CachedClientAsync("sag.aalborg");
        var notInTeam = await chair.SendAsync(HttpMethod.Post, "/fhir/Task", FhirTestClient.ToJson(Decision($"PractitionerRole/{Guid.NewGuid()}")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notInTeam.StatusCode);
        Assert.Contains("Task.owner.reference", await notInTeam.IssuePathsAsync());

        var before = await factory.WithDbAsync(db => db.FollowUpTasks.CountAsync(t => t.PatientId == peter));
        var created = await chair.SendAsync(HttpMethod.Post, "/fhir/Task", FhirTestClient.ToJson(Decision($"PractitionerRole/{wardUserId}")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var task = await created.ResourceAsync<FhirTask>();
        Assert.EndsWith($"/fhir/Task/{task.Id}/_history/1", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.FollowUpTasks.CountAsync(t => t.PatientId == peter)));
        var stored = await factory.WithDbAsync(db => db.FollowUpTasks.SingleAsync(t => t.Id == Guid.Parse(task.Id)));
        Assert.Equal((wardUserId, new DateOnly(2027, 12, 31), meetingId), (stored.OwnerUserId!.Value, stored.DueDate, stored.MeetingId!.Value));

        // The owner sees it on their own list of tasks in the UI.
        var page = await factory.ClientFor("kontakt.s4").GetPageAsync("/FollowUps");
        Assert.Contains("Book tid hos egen læge.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_consent_reads_as_active_and_searches_by_status()
    {
        var peter = await PatientIdAsync(Peter);
        var bundle = await SearchAsync("kontakt.s4", $"/fhir/Consent?patient=Patient/{peter}&status=active");
        var consent = Matches<Consent>(bundle).Single();
        Assert.StartsWith("Oplysninger om behandling", ((FhirString)consent.GetExtension(CaseHubUrls.ConsentScopeExtension).Value).Value, StringComparison.Ordinal);
        Assert.Null(consent.Provision.Period.End);
        Assert.Equal(0, (await SearchAsync("kontakt.s4", $"/fhir/Consent?patient=Patient/{peter}&status=inactive")).Total);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.CachedClientAsync("kontakt.s4")).GetAsync($"/fhir/Consent/{consent.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.CachedClientAsync("kontakt.aarhus")).GetAsync($"/fhir/Consent/{consent.Id}")).StatusCode);
    }

    [Fact]
    public async Task Flags_carry_their_rule_and_the_organization_that_must_act()
    {
        // A resolved flag: the flag evaluation that runs at start-up leaves resolved flags as they are.
        var peter = await PatientIdAsync(Peter);
        var flagId = await factory.WithDbAsync(async db =>
        {
            var ward = await db.StaffUsers.Where(u => u.Username == "kontakt.s4").Select(u => u.OrganizationId).SingleAsync();
            var flag = new CaseHub.Core.Flags.Flag
            {
                PatientId = peter, Rule = FlagRuleIds.FollowUpOverdue, SubjectKind = "task", SubjectId = Guid.NewGuid(), OwnerOrganizationId = ward,
                Since = new DateOnly(2026, 2, 20), Summary = "En opgave var overskredet.", RaisedAt = new DateTime(2026, 2, 21, 8, 0, 0, DateTimeKind.Utc),
                ResolvedAt = new DateTime(2026, 2, 25, 8, 0, 0, DateTimeKind.Utc), ResolvedBy = "Test",
            };
            db.Add(flag);
            await db.SaveChangesAsync();
            return flag.Id;
        });

        var code = Uri.EscapeDataString(CaseHubUrls.FlagRuleSystem + "|follow-up-overdue");
        var bundle = await SearchAsync("kontakt.s4", $"/fhir/Flag?patient=Patient/{peter}&code={code}&status=inactive");
        var flag = Matches<Hl7.Fhir.Model.Flag>(bundle).Single(f => f.Id == flagId.ToString());
        Assert.Equal("Opfølgningsopgave overskredet", flag.Code.Coding.Single().Display);
        Assert.Equal("En opgave var overskredet.", flag.Code.Text);
        Assert.Equal(("2026-02-20", Hl7.Fhir.Model.Flag.FlagStatus.Inactive), (flag.Period.Start, flag.Status));
        Assert.NotNull(flag.Period.End);
        Assert.StartsWith("Organization/", ((ResourceReference)flag.GetExtension(CaseHubUrls.ResponsibleOrganizationExtension).Value).Reference, StringComparison.Ordinal);
        Assert.Equal(0, (await SearchAsync("kontakt.s4", $"/fhir/Flag?_id={flagId}&status=active")).Total);
        Assert.Equal(0, (await SearchAsync("kontakt.s4", $"/fhir/Flag?_id={flagId}&code=unanswered")).Total);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.CachedClientAsync("sag.aalborg")).GetAsync($"/fhir/Flag/{flagId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.CachedClientAsync("kontakt.aarhus")).GetAsync($"/fhir/Flag/{flagId}")).StatusCode);
    }

    [Fact]
    public async Task The_responsible_organization_dismisses_a_flag_with_a_reason_and_a_stale_version_gets_412()
    {
        // An overdue task and its flag, saved together: the rules keep such a flag open whenever they run.
        var peter = await PatientIdAsync(Peter);
        var flagId = await factory.WithDbAsync(async db =>
        {
            var ward = await db.StaffUsers.Where(u => u.Username == "kontakt.s4").Select(u => u.OrganizationId).SingleAsync();
            var meeting = await db.Meetings.Where(m => m.PatientId == peter && m.Status == MeetingStatus.Held).Select(m => m.Id).SingleAsync();
            var task = new Core.FollowUps.FollowUpTask
            {
                PatientId = peter, MeetingId = meeting, Description = "Ring til bostøtten.", OwnerOrganizationId = ward, DueDate = new DateOnly(2026, 1, 5),
                CreatedAt = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc), CreatedByName = "Test",
            };
            var flag = new CaseHub.Core.Flags.Flag
            {
                PatientId = peter, Rule = FlagRuleIds.FollowUpOverdue, SubjectKind = "task", SubjectId = task.Id, OwnerOrganizationId = ward,
                Since = task.DueDate, Summary = "Opgave med frist 05-01-2026 er ikke løst", RaisedAt = new DateTime(2026, 1, 6, 9, 0, 0, DateTimeKind.Utc),
            };
            db.AddRange(task, flag);
            await db.SaveChangesAsync();
            return flag.Id;
        });

        var ward = await factory.CachedClientAsync("kontakt.s4");
        var flag = await (await ward.GetAsync($"/fhir/Flag/{flagId}")).ResourceAsync<Hl7.Fhir.Model.Flag>();
        Assert.Equal(Hl7.Fhir.Model.Flag.FlagStatus.Active, flag.Status);
        var version = flag.Meta.VersionId;
        flag.Status = Hl7.Fhir.Model.Flag.FlagStatus.Inactive;
        flag.Period.End = "2026-03-02T10:00:00+01:00";

        var noReason = await ward.SendAsync(HttpMethod.Put, $"/fhir/Flag/{flagId}", FhirTestClient.ToJson(flag), headers: ("If-Match", $"W/\"{version}\""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains($"Flag.extension('{CaseHubUrls.DismissReasonExtension}')", await noReason.IssuePathsAsync());

        flag.Extension.Add(new Extension(CaseHubUrls.DismissReasonExtension, new FhirString("Bostøtten er ringet op i telefonen.")));
        var municipality = await (await factory.CachedClientAsync("sag.aalborg")).SendAsync(HttpMethod.Put, $"/fhir/Flag/{flagId}", FhirTestClient.ToJson(flag));
        Assert.Equal(HttpStatusCode.Forbidden, municipality.StatusCode);

        var dismissed = await ward.SendAsync(HttpMethod.Put, $"/fhir/Flag/{flagId}", FhirTestClient.ToJson(flag), headers: ("If-Match", $"W/\"{version}\""));
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        var result = await dismissed.ResourceAsync<Hl7.Fhir.Model.Flag>();
        Assert.Equal(Hl7.Fhir.Model.Flag.FlagStatus.Inactive, result.Status);
        Assert.Equal("Bostøtten er ringet op i telefonen.", ((FhirString)result.GetExtension(CaseHubUrls.DismissReasonExtension).Value).Value);
        var stored = await factory.WithDbAsync(db => db.Flags.SingleAsync(f => f.Id == flagId));
        Assert.Equal(("Bostøtten er ringet op i telefonen.", true), (stored.DismissReason, stored.ResolvedAt is not null));

        var stale = await ward.SendAsync(HttpMethod.Put, $"/fhir/Flag/{flagId}", FhirTestClient.ToJson(flag), headers: ("If-Match", $"W/\"{version}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }
}
