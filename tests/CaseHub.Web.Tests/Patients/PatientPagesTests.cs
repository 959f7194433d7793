using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Patients;

public class PatientPagesTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private Task<Guid> PatientIdAsync(string cpr) => factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task Mine_patienter_lists_only_the_wards_own_patients()
    {
        var page = await factory.ClientFor("kontakt.s4").GetPageAsync("/Patients");
        var text = page.QuerySelector("table")!.TextContent;
        Assert.Contains("Mette Kristensen", text, StringComparison.Ordinal);
        Assert.Contains("120385-1236", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jonas Nielsen", text, StringComparison.Ordinal); // on S3
        Assert.DoesNotContain("Anne Sørensen", text, StringComparison.Ordinal); // in Aarhus
    }

    [Theory]
    [InlineData("Kristensen")]
    [InlineData("120385")]
    [InlineData("120385-1236")]
    public async Task Search_by_name_or_CPR_finds_only_visible_patients(string query)
    {
        var found = await Html.ParseAsync(await factory.ClientFor("sag.aalborg").SubmitFormAsync("/Patients", new Dictionary<string, string?> { ["q"] = query }, "form.search"));
        Assert.Equal(["Mette Kristensen"], found.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToArray());

        var elsewhere = await Html.ParseAsync(await factory.ClientFor("sag.hjoerring").SubmitFormAsync("/Patients", new Dictionary<string, string?> { ["q"] = query }, "form.search"));
        Assert.Empty(elsewhere.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task The_case_page_has_one_timeline_of_documents_admissions_meetings_and_team()
    {
        var id = await PatientIdAsync("2808691122");
        var page = await factory.ClientFor("sag.aalborg").GetPageAsync($"/Patients/Case/{id}");
        var items = page.QuerySelectorAll("ol.case-timeline li").Select(li => li.TextContent).ToList();
        Assert.Contains(items, i => i.Contains("Udskrivningsaftale", StringComparison.Ordinal) && i.Contains("Aktiv", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(items, i => i.Contains("Udskrevet", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("Netværksmøde holdt", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("kom med i Patientens Team", StringComparison.Ordinal));
        var times = page.QuerySelectorAll("ol.case-timeline time").Select(t => DateTime.Parse(t.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task The_case_page_is_shown_and_audited_for_a_related_user()
    {
        var id = await PatientIdAsync("1203851236");
        var page = await factory.ClientFor("sag.aalborg").GetPageAsync($"/Patients/Case/{id}");
        Assert.Equal("Mette Kristensen", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Tvangsindlæggelse", page.Body!.TextContent, StringComparison.Ordinal);

        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id)
            .FirstAsync(e => e.PatientId == id && e.Username == "sag.aalborg" && e.Action == "read"));
        Assert.Equal(AuditOutcome.Allowed, entry.Outcome);
        Assert.Equal("municipality-of-residence", entry.Rule);
        Assert.Equal("Case", entry.DataKind);
    }

    [Theory]
    [InlineData("sag.hjoerring")] // another municipality
    [InlineData("kontakt.aarhus")] // a ward in another region
    [InlineData("analytiker")]
    public async Task An_unrelated_user_gets_403_and_the_attempt_is_audited(string username)
    {
        var id = await PatientIdAsync("1203851236");
        var response = await factory.ClientFor(username).GetAsync($"/Patients/Case/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Ingen adgang", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Kristensen", body, StringComparison.Ordinal);

        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.PatientId == id && e.Username == username && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task Admitting_with_an_invalid_CPR_and_dates_out_of_order_shows_Danish_messages_next_to_the_fields()
    {
        var client = factory.ClientFor("kontakt.s3");
        var response = await client.SubmitFormAsync("/Patients/Admit", new Dictionary<string, string?>
        {
            ["Input.Cpr"] = "310285-1234",
            ["Input.GivenName"] = "Ny",
            ["Input.FamilyName"] = "Borger",
            ["Input.MunicipalityCode"] = "0851",
            ["Input.AdmittedOn"] = "2026-01-10",
            ["Input.PlannedDischargeDate"] = "2026-01-05",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("ikke en gyldig dato", page.FieldError("Input.Cpr"), StringComparison.Ordinal);
        Assert.Contains("før indlæggelsesdatoen", page.FieldError("Input.PlannedDischargeDate"), StringComparison.Ordinal);
        Assert.Equal("Ny", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_GivenName")!).Value);
        Assert.False(await factory.WithDbAsync(db => db.Patients.AnyAsync(p => p.FamilyName == "Borger")));
    }

    [Fact]
    public async Task Admitting_a_new_patient_opens_the_case_page()
    {
        var client = factory.ClientFor("kontakt.s3");
        var response = await client.SubmitFormAsync("/Patients/Admit", new Dictionary<string, string?>
        {
            ["Input.Cpr"] = "010190-1234",
            ["Input.GivenName"] = "Ole",
            ["Input.FamilyName"] = "Olsen",
            ["Input.MunicipalityCode"] = "0851",
            ["Input.AdmittedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.LegalBasis"] = "CompulsoryDetention",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Equal("Ole Olsen", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Tvangstilbageholdelse", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caseworker_cannot_register_admissions()
    {
        var response = await factory.ClientFor("sag.aalborg").GetAsync("/Patients/Admit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
