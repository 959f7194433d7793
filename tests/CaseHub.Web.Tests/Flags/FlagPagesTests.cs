using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Core.Flags;
using CaseHub.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Web.Tests.Flags;

public class FlagPagesTests(LongWardPeriodFactory factory) : IClassFixture<LongWardPeriodFactory>
{
    private Task EvaluateAsync() => FlagWorklistPage.EvaluateAsync(factory);

    private static Task<List<string>> WorklistAsync(HttpClient client) => FlagWorklistPage.RowsAsync(client);

    [Fact]
    public async Task The_worklist_shows_the_organizations_flags_and_the_navigation_counts_them()
    {
        await EvaluateAsync();

        // Other tests in this class dismiss Henrik Poulsen's missing plan and discharge Mette Kristensen (which turns her
        // flag from "before" into "at" discharge), so this one asserts what holds either way.
        var ward = await WorklistAsync(factory.ClientFor("kontakt.s4"));
        Assert.Contains(ward, r => r.Contains("Mette Kristensen", StringComparison.Ordinal) && r.Contains("aftale eller plan", StringComparison.Ordinal));
        Assert.Contains(ward, r => r.Contains("Peter Andersen", StringComparison.Ordinal) && r.Contains("Revision", StringComparison.Ordinal));
        Assert.DoesNotContain(ward, r => r.Contains("Jonas Nielsen", StringComparison.Ordinal)); // S3's and Aalborg's

        var aalborg = await WorklistAsync(factory.ClientFor("sag.aalborg"));
        Assert.Contains(aalborg, r => r.Contains("Jonas Nielsen", StringComparison.Ordinal) && r.Contains("Ubesvaret", StringComparison.Ordinal));
        Assert.DoesNotContain(aalborg, r => r.Contains("Henrik Poulsen", StringComparison.Ordinal)); // lives in Hjørring

        Assert.Contains(await WorklistAsync(factory.ClientFor("sag.hjoerring")), r => r.Contains("Henrik Poulsen", StringComparison.Ordinal));
        Assert.Empty(await WorklistAsync(factory.ClientFor("kontakt.aarhus")));

        var home = await factory.ClientFor("kontakt.s4").GetPageAsync("/");
        Assert.Equal(ward.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), home.QuerySelector("nav a[href='/Flags'] .nav-count")!.TextContent);
        Assert.NotNull(home.QuerySelector("table.flag-table"));
    }

    [Fact]
    public async Task A_flag_is_dismissed_with_a_reason_by_the_owning_organization_only()
    {
        await EvaluateAsync();
        var flagId = await factory.WithDbAsync(db => db.Flags.Where(f => f.Rule == FlagRuleIds.MissingAtDischarge && f.Patient!.Cpr == "1111881118").Select(f => f.Id).SingleAsync());

        // The watching municipality cannot dismiss the ward's flag.
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("sag.hjoerring").GetAsync($"/Flags/Dismiss/{flagId}")).StatusCode);

        var ward = factory.ClientFor("kontakt.s4");
        var empty = await Html.ParseAsync(await ward.SubmitFormAsync($"/Flags/Dismiss/{flagId}", new Dictionary<string, string?> { ["Reason"] = " " }));
        Assert.Contains("hvorfor", empty.FieldError("Reason"), StringComparison.Ordinal);

        var done = await ward.SubmitFormAsync($"/Flags/Dismiss/{flagId}", new Dictionary<string, string?> { ["Reason"] = "Plan lavet på papir før CaseHub; registreres ikke." });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var flag = await factory.WithDbAsync(db => db.Flags.SingleAsync(f => f.Id == flagId));
        Assert.NotNull(flag.ResolvedAt);
        Assert.Equal("Camilla Berg", flag.ResolvedBy);
        Assert.DoesNotContain(await WorklistAsync(ward), r => r.Contains("Henrik Poulsen", StringComparison.Ordinal) && r.Contains("Udskrevet uden aftale eller plan", StringComparison.Ordinal));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "flag.dismiss" && e.DataId == flagId.ToString() && e.Outcome == AuditOutcome.Allowed)));

        // Evaluating again does not bring a dismissed flag back.
        await EvaluateAsync();
        Assert.NotNull((await factory.WithDbAsync(db => db.Flags.SingleAsync(f => f.Id == flagId))).ResolvedAt);
    }

    [Fact]
    public async Task Administrators_run_a_rule_on_demand_and_others_cannot()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("kontakt.s4").GetAsync("/Flags/Rules")).StatusCode);

        var admin = factory.ClientFor("admin");
        var page = await admin.GetPageAsync("/Flags/Rules");
        Assert.Equal(9, page.QuerySelectorAll("tbody tr").Length);
        var run = await Html.ParseAsync(await admin.SubmitFormAsync("/Flags/Rules", new Dictionary<string, string?> { ["rule"] = FlagRuleIds.ReviewDue }, "tbody form"));
        Assert.Contains("Kørt: 1 regel", run.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discharging_a_target_group_patient_without_a_plan_raises_a_flag_within_one_job_cycle()
    {
        var (patientId, admissionId) = await factory.WithDbAsync(db => db.Admissions.Where(a => a.Patient!.Cpr == "1203851236" && a.End == null)
            .Select(a => new { a.PatientId, a.Id }).SingleAsync().ContinueWith(t => (t.Result.PatientId, t.Result.Id)));

        var response = await factory.ClientFor("kontakt.s4").SubmitFormAsync($"/Agreements/Discharge/{admissionId}", new Dictionary<string, string?>
        {
            ["DischargedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // The discharge enqueues an evaluation for this patient. Hangfire's in-memory storage is shared by every test
        // host in the process, so another host's server may pick the job up: the test finds the job in the storage
        // and runs that same job against this host's database instead of waiting for a server.
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobs = monitoring.EnqueuedJobs("default", 0, 1000).Select(j => j.Value.Job)
            .Concat(monitoring.ProcessingJobs(0, 1000).Select(j => j.Value.Job))
            .Concat(monitoring.SucceededJobs(0, 1000).Select(j => j.Value.Job))
            .Concat(monitoring.FailedJobs(0, 1000).Select(j => j.Value.Job))
            // Another host's server may have picked it up and failed (its database gone), so it waits for a retry.
            .Concat(monitoring.ScheduledJobs(0, 1000).Select(j => j.Value.Job));
        // The same job can be listed under two states while it moves between them, so any listing will do.
        var job = jobs.FirstOrDefault(j => j?.Method.Name == nameof(EvaluateFlagsJob.RunForPatientAsync) && j.Args.Count == 1 && Equals(j.Args[0], patientId));
        Assert.NotNull(job);
        await using (var scope = factory.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<EvaluateFlagsJob>().RunForPatientAsync((Guid)job!.Args[0]);
        }

        var flag = await factory.WithDbAsync(db => db.Flags.FirstOrDefaultAsync(f => f.PatientId == patientId && f.Rule == FlagRuleIds.MissingAtDischarge && f.ResolvedAt == null));
        Assert.NotNull(flag);
        var casePage = await factory.ClientFor("sag.aalborg").GetPageAsync($"/Patients/Case/{patientId}");
        Assert.Contains("Udskrevet uden aftale eller plan", casePage.QuerySelector("#flags-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }
}
