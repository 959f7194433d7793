using System.Net;
using CaseHub.Core.Flags;
using CaseHub.Web.Tests.Fhir;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Web.Tests.Flags;

/// <summary>
/// With the default ward period (30 days after discharge), a ward still sees the flags it must act on and can open
/// what they point to: a stay it was discharged from without an agreement or plan, and the agreement it wrote whose
/// review falls due long after the discharge.
/// </summary>
public class FlagAccessTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private Task EvaluateAsync() => FlagWorklistPage.EvaluateAsync(factory);

    private static Task<List<string>> WorklistAsync(HttpClient client) => FlagWorklistPage.RowsAsync(client);

    [Fact]
    public async Task A_ward_opens_the_stay_behind_its_missing_plan_flag_after_the_period()
    {
        await EvaluateAsync();
        var henrik = await factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == "1111881118").Select(p => p.Id).SingleAsync()); // discharged from S4 40 days ago

        var ward = factory.ClientFor("kontakt.s4");
        Assert.Contains(await WorklistAsync(ward), r => r.Contains("Henrik Poulsen", StringComparison.Ordinal) && r.Contains("Udskrevet uden aftale eller plan", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync($"/Patients/Case/{henrik}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("kontakt.s3").GetAsync($"/Patients/Case/{henrik}")).StatusCode);
    }

    [Fact]
    public async Task Psykiatriens_Hus_sees_and_may_dismiss_the_flag_for_a_consent_that_ran_out()
    {
        // Karen Mortensen's consent ran out two weeks ago: without it the house may not see her case, only record a
        // new consent, and the flag asks it to do just that.
        await EvaluateAsync();
        var (karen, flagId) = await factory.WithDbAsync(async db =>
        {
            var flag = await db.Flags.SingleAsync(f => f.Rule == FlagRuleIds.ConsentExpired && f.Patient!.Cpr == "2104761006" && f.ResolvedAt == null);
            return (flag.PatientId, flag.Id);
        });

        var house = factory.ClientFor("hus.aalborg");
        Assert.Equal(HttpStatusCode.Forbidden, (await house.GetAsync($"/Patients/Case/{karen}")).StatusCode);
        Assert.Contains(await WorklistAsync(house), r => r.Contains("Karen Mortensen", StringComparison.Ordinal));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Username == "hus.aalborg" && e.PatientId == karen && e.DataKind == "Consent")));
        Assert.Equal(HttpStatusCode.OK, (await house.GetAsync($"/Flags/Dismiss/{flagId}")).StatusCode);
    }

    [Fact]
    public async Task A_ward_sees_the_review_flag_of_its_own_agreement_once_its_access_to_the_case_has_ended()
    {
        // Peter Andersen: S4's active agreement is past its review date. Move his discharge 60 days back and take S4
        // out of his team, so that only the agreement S4 wrote relates the ward to him.
        var (peter, documentId) = await factory.WithDbAsync(async db =>
        {
            var patient = await db.Patients.Include(p => p.Admissions).SingleAsync(p => p.Cpr == "2808691122");
            patient.Admissions.Single().End = DateTime.UtcNow.AddDays(-60);
            var s4 = await db.StaffUsers.SingleAsync(u => u.Username == "kontakt.s4");
            foreach (var member in await db.TeamMembers.Where(m => m.PatientId == patient.Id && m.StaffUserId == s4.Id).ToListAsync())
            {
                member.RemovedAt = DateTime.UtcNow;
            }

            await db.SaveChangesAsync();
            return (patient.Id, await db.CareDocuments.Where(d => d.PatientId == patient.Id).Select(d => d.Id).SingleAsync());
        });
        await EvaluateAsync();

        var ward = factory.ClientFor("kontakt.s4");
        Assert.Equal(HttpStatusCode.Forbidden, (await ward.GetAsync($"/Patients/Case/{peter}")).StatusCode);
        var row = Assert.Single(await WorklistAsync(ward), r => r.Contains("Peter Andersen", StringComparison.Ordinal));
        Assert.Contains("Revision", row, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync($"/Agreements/{documentId}")).StatusCode);

        // The ward may act on it as on the worklist: open the dismissal, and read the flag through the API.
        var flagId = await factory.WithDbAsync(db => db.Flags.Where(f => f.Rule == FlagRuleIds.ReviewDue && f.PatientId == peter && f.ResolvedAt == null).Select(f => f.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync($"/Flags/Dismiss/{flagId}")).StatusCode);
        var api = await factory.ClientAsync("kontakt.s4");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, $"/fhir/Flag/{flagId}")).StatusCode);
        var search = await (await api.SendAsync(HttpMethod.Get, $"/fhir/Flag?patient=Patient/{peter}&status=active")).ResourceAsync<Hl7.Fhir.Model.Bundle>();
        Assert.Contains(search.Entry, e => e.Resource?.Id == flagId.ToString());

        // The navigation counts what the worklist shows.
        var home = await ward.GetPageAsync("/");
        Assert.Equal((await WorklistAsync(ward)).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), home.QuerySelector("nav a[href='/Flags'] .nav-count")!.TextContent);
    }
}
