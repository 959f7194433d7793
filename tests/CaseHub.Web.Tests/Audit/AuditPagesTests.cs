using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Web.Tests.Audit;

public class AuditPagesTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private Task<Guid> PatientIdAsync(string cpr) => factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task An_administrator_finds_who_has_seen_a_patients_data_and_exports_it()
    {
        var id = await PatientIdAsync("0507921417");
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor("sag.aalborg").GetAsync($"/Patients/Case/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("sag.hjoerring").GetAsync($"/Patients/Case/{id}")).StatusCode);

        var admin = factory.ClientFor("admin");
        var lookup = await admin.SubmitFormAsync("/Audit", new Dictionary<string, string?> { ["Cpr"] = "050792-1417" });
        Assert.Equal(HttpStatusCode.Redirect, lookup.StatusCode);
        var page = await admin.GetPageAsync(lookup.Headers.Location!.ToString());
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Line Munk", StringComparison.Ordinal) && r.Contains("Tilladt", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Rasmus Bach", StringComparison.Ordinal) && r.Contains("Afvist", StringComparison.Ordinal));

        var csv = await admin.GetAsync($"/Audit/Patient/{id}?handler=Export");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("tidspunkt;medarbejder", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("sag.hjoerring", text, StringComparison.Ordinal);

        // The administrator's own look and export are in the trail too.
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.PatientId == id && e.Username == "admin" && e.Action == "export" && e.Outcome == AuditOutcome.Allowed)));
    }

    [Fact]
    public async Task An_unknown_or_invalid_CPR_number_is_explained_next_to_the_field()
    {
        var admin = factory.ClientFor("admin");
        var invalid = await Html.ParseAsync(await admin.SubmitFormAsync("/Audit", new Dictionary<string, string?> { ["Cpr"] = "12345" }));
        Assert.Contains("10 cifre", invalid.FieldError("Cpr"), StringComparison.Ordinal);
        var unknown = await Html.ParseAsync(await admin.SubmitFormAsync("/Audit", new Dictionary<string, string?> { ["Cpr"] = "010101-4000" }));
        Assert.Contains("ingen borger", unknown.FieldError("Cpr"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sag.aalborg")]
    [InlineData("kontakt.s4")]
    [InlineData("analytiker")]
    public async Task Only_administrators_see_audit_trails(string username)
    {
        var id = await PatientIdAsync("1203851236");
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor(username).GetAsync("/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor(username).GetAsync($"/Audit/Patient/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor(username).GetAsync($"/Audit/Patient/{id}?handler=Export")).StatusCode);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted()
    {
        await using var scope = factory.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.CaseHubDbContext>();
        db.AuditEntries.Add(new AuditEntry { Username = "x", UserDisplayName = "x", Action = "read", DataKind = "Case", Rule = "test", At = DateTime.UtcNow });
        await db.SaveChangesAsync();
        var entry = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync();
        entry.Rule = "changed";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
