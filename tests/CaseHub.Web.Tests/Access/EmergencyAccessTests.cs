using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CaseHub.Web.Tests.Access;

/// <summary>The app with a clock the test moves, and nødadgang set to last 2 hours.</summary>
public sealed class EmergencyFactory : CaseHubFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("CaseHub:Access:EmergencyAccessHours", "2");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Task<Guid> PatientIdAsync(string cpr) => WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    /// <summary>Starts a nødadgang through the page, as the user would.</summary>
    public async Task<HttpResponseMessage> BreakTheGlassAsync(string username, Guid patientId, string reason) =>
        await ClientFor(username).SubmitFormAsync($"/Access/Emergency/{patientId}", new Dictionary<string, string?> { ["Input.Reason"] = reason }, "#emergency-form");
}

/// <summary>Nødadgang (break the glass) for ward staff: offered, reasoned, audited and reviewed. Each test uses its own patient.</summary>
public class EmergencyAccessTests(EmergencyFactory factory) : IClassFixture<EmergencyFactory>
{
    [Fact]
    public async Task A_ward_contact_person_refused_after_a_cpr_search_is_offered_nodadgang()
    {
        var jonas = await factory.PatientIdAsync("0507921417");
        var response = await factory.ClientFor("kontakt.aarhus").SubmitFormAsync("/Patients", new Dictionary<string, string?> { ["q"] = "050792-1417" }, "form.search");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Ingen adgang", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var offer = page.QuerySelector($"a[href='/Access/Emergency/{jonas}']");
        Assert.NotNull(offer);
        Assert.Equal("Nødadgang", offer.TextContent.Trim());
        Assert.DoesNotContain("0507921417", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.PatientId == jonas && e.Username == "kontakt.aarhus" && e.Action == "search" && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task The_reason_is_required_with_a_danish_error_next_to_the_field_and_nothing_is_granted()
    {
        var kasper = await factory.PatientIdAsync("1409014321");
        var response = await factory.BreakTheGlassAsync("kontakt.aarhus", kasper, "   ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Angiv begrundelsen for nødadgangen.", (await Html.ParseAsync(response)).FieldError("Input.Reason"));
        Assert.False(await factory.WithDbAsync(db => db.EmergencyAccesses.AnyAsync(e => e.PatientId == kasper)));
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("kontakt.aarhus").GetAsync($"/Patients/Case/{kasper}")).StatusCode);
    }

    [Theory]
    [InlineData("sag.hjoerring")]
    [InlineData("hus.aalborg")]
    [InlineData("analytiker")]
    [InlineData("admin")]
    public async Task Only_ward_roles_are_offered_nodadgang_or_may_start_it(string username)
    {
        var mette = await factory.PatientIdAsync("1203851236");
        var client = factory.ClientFor(username);

        var refused = await client.GetAsync($"/Patients/Case/{mette}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("/Access/Emergency", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Access/Emergency/{mette}")).StatusCode);
    }

    [Fact]
    public async Task Reading_under_nodadgang_is_audited_with_the_rule_and_the_administrator_reviews_it()
    {
        var anne = await factory.PatientIdAsync("0606951234"); // admitted in Aarhus; S3 in Aalborg has no relation
        var ward = factory.ClientFor("kontakt.s3");
        var refused = await ward.GetAsync($"/Patients/Case/{anne}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotNull((await Html.ParseAsync(refused)).QuerySelector($"a[href='/Access/Emergency/{anne}']"));

        var started = await factory.BreakTheGlassAsync("kontakt.s3", anne, "Indbragt akut af politiet, skal kende kriseplanen");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/Patients/Case/{anne}", started.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync($"/Patients/Case/{anne}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync($"/Teams/{anne}")).StatusCode);
        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.PatientId == anne && e.Username == "kontakt.s3" && e.Outcome == AuditOutcome.Allowed).ToListAsync());
        Assert.Contains(entries, e => e.Action == "emergency-access.start" && e.Rule == "emergency-access");
        Assert.Contains(entries, e => e.Action == "read" && e.DataKind == "Case" && e.Rule == "emergency-access");
        Assert.Contains(entries, e => e.DataKind == "Team" && e.Rule == "emergency-access");
        Assert.DoesNotContain(entries, e => e.Rule != "emergency-access");

        // Reading only: the ward cannot change the case under nødadgang.
        await using (var scope = factory.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.CaseHubDbContext>();
            var u = await db.StaffUsers.Include(x => x.Organization).SingleAsync(x => x.Username == "kontakt.s3");
            var user = new Core.Access.CurrentUser(u.Id, u.Username, u.Name, u.OrganizationId, u.Organization!.Name, u.Organization.Kind, u.Organization.ParentId, u.Roles);
            var write = await scope.ServiceProvider.GetRequiredService<Core.Access.PatientAccessPolicy>().DecideAsync(user, anne, Core.Access.DataKind.Case, Core.Access.AccessMode.Write);
            Assert.False(write.Allowed);
        }

        // The administrator of the ward's region reviews it; ward staff may not open the review list.
        var accessId = await factory.WithDbAsync(db => db.EmergencyAccesses.Where(e => e.PatientId == anne).Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await ward.GetAsync("/Access/Reviews")).StatusCode);
        var admin = factory.ClientFor("admin");
        var page = await admin.GetPageAsync("/Access/Reviews");
        var row = page.QuerySelector($"#open-emergency-accesses tr[data-access-id='{accessId}']");
        Assert.NotNull(row);
        Assert.Contains("Indbragt akut af politiet, skal kende kriseplanen", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("kontakt.s3", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("02-03-2026", row.TextContent, StringComparison.Ordinal);

        var reviewed = await admin.SubmitFormAsync("/Access/Reviews", new Dictionary<string, string?> { ["Note"] = "Talt med medarbejderen; i orden." }, $"tr[data-access-id='{accessId}'] form");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        var after = await admin.GetPageAsync("/Access/Reviews");
        Assert.Null(after.QuerySelector($"#open-emergency-accesses tr[data-access-id='{accessId}']"));
        Assert.Contains("Talt med medarbejderen; i orden.", after.QuerySelector($"#reviewed-emergency-accesses tr[data-access-id='{accessId}']")!.TextContent, StringComparison.Ordinal);

        var review = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "emergency-access.review" && e.DataId == accessId.ToString()));
        Assert.Equal("admin", review.Username);
        Assert.Equal(anne, review.PatientId);
    }
}

/// <summary>The nødadgang window, with the clock moved; its own factory, as moving the clock affects every test on it.</summary>
public class EmergencyAccessWindowTests(EmergencyFactory factory) : IClassFixture<EmergencyFactory>
{
    [Fact]
    public async Task Access_works_within_the_configured_window_and_not_after()
    {
        var susanne = await factory.PatientIdAsync("2311780825");
        var ward = factory.ClientFor("kontakt.aarhus");
        Assert.Equal(HttpStatusCode.Redirect, (await factory.BreakTheGlassAsync("kontakt.aarhus", susanne, "Akut indlæggelse uden for regionen")).StatusCode);

        var access = await factory.WithDbAsync(db => db.EmergencyAccesses.SingleAsync(e => e.PatientId == susanne));
        Assert.Equal(TimeSpan.FromHours(2), access.ExpiresAt - access.GrantedAt);
        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync($"/Patients/Case/{susanne}")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync($"/Patients/Case/{susanne}")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await ward.GetAsync($"/Patients/Case/{susanne}");
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.PatientId == susanne && e.Username == "kontakt.aarhus" && e.Outcome == AuditOutcome.Denied && e.At > access.ExpiresAt)));
    }
}
