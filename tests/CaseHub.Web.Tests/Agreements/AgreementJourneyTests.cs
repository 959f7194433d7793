using System.Net;
using CaseHub.Core.Agreements;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Web.Tests.Agreements.AgreementKit;

namespace CaseHub.Web.Tests.Agreements;

/// <summary>The journeys of issue 3 through the real pages, as the demo users make them.</summary>
public class AgreementJourneyTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    [Fact]
    public async Task Ward_creates_fills_and_sends_caseworker_accepts_from_the_inbox_and_discharge_makes_it_active()
    {
        var (patientId, admissionId, name) = await AdmitAsync(factory);
        var ward = factory.ClientFor("kontakt.s4");

        // 1. From the case page, the ward starts an udskrivningsaftale.
        var created = await ward.SubmitFormAsync($"/Patients/Case/{patientId}", new Dictionary<string, string?>(), "form.create-agreement");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        var documentId = Guid.Parse(url.Split('/').Last());

        // 2. Each section is saved on its own, then participants, then the document is sent.
        foreach (var (section, values) in CompleteSections())
        {
            var saved = await ward.SubmitFormAsync(url, values!, $"form[data-section='{section}']");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var participant = await ward.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["role"] = "GeneralPractitioner", ["name"] = "Læge Hansen", ["organization"] = "Ydernr. 012345", ["contact"] = "98 12 34 56",
        }, "form.doc-add-participant");
        Assert.Equal(HttpStatusCode.Redirect, participant.StatusCode);
        var sent = await ward.SubmitFormAsync(url, new Dictionary<string, string?>(), "form.doc-send");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(DocumentStatus.Sent, await StatusAsync(factory, documentId));

        // 3. The caseworker finds it in Indbakke, adds the municipality's part and accepts.
        var caseworker = factory.ClientFor("sag.aalborg");
        var inbox = await caseworker.GetPageAsync("/Agreements/Inbox");
        var link = inbox.QuerySelectorAll("#waiting-heading ~ table a").FirstOrDefault(a => a.TextContent == name);
        Assert.NotNull(link);
        Assert.Equal(url, link.GetAttribute("href"));
        var page = await caseworker.GetPageAsync(url);
        Assert.Null(page.QuerySelector("form[data-section='crisis']")); // the ward's part is read-only for the municipality
        Assert.Equal(HttpStatusCode.Redirect, (await caseworker.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Housing"] = "Egen lejlighed", ["HousingSupport"] = "Bostøtte tirsdag og fredag",
        }, "form[data-section='social']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await caseworker.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["what"] = "Bostøtte starter", ["responsiblePerson"] = "Line Munk", ["dueOn"] = Iso(Today.AddDays(4)),
        }, "form.doc-add-action")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await caseworker.SubmitFormAsync(url, new Dictionary<string, string?>(), "form.doc-accept")).StatusCode);

        // The ward sees the acceptance: badge, timeline, case page.
        var wardView = await ward.GetPageAsync(url);
        Assert.Equal("Accepteret", wardView.QuerySelector(".page-head .doc-status")!.TextContent);
        Assert.Contains("Accepteret af kommunen · Line Munk, Aalborg Kommune", wardView.QuerySelector(".doc-timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bostøtte tirsdag og fredag", wardView.QuerySelector("[data-section='social']")!.TextContent, StringComparison.Ordinal);
        var casePage = await ward.GetPageAsync($"/Patients/Case/{patientId}");
        Assert.Equal("Accepteret", casePage.QuerySelector(".case-documents .doc-status")!.TextContent);
        Assert.Contains("Accepteret af kommunen", casePage.QuerySelector(".case-timeline")!.TextContent, StringComparison.Ordinal);

        // 4. Discharge from the case page makes it active.
        var discharge = casePage.QuerySelectorAll(".case-documents a").Single(a => a.TextContent == "Registrér udskrivning").GetAttribute("href")!;
        var discharged = await ward.SubmitFormAsync(discharge, new Dictionary<string, string?> { ["DischargedOn"] = Iso(Today) });
        Assert.Equal(HttpStatusCode.Redirect, discharged.StatusCode);
        Assert.Equal(DocumentStatus.Active, await StatusAsync(factory, documentId));
        Assert.NotNull(await factory.WithDbAsync(db => db.Admissions.Where(a => a.Id == admissionId).Select(a => a.End).SingleAsync()));
        Assert.Equal("Aktiv", (await ward.GetPageAsync(url)).QuerySelector(".page-head .doc-status")!.TextContent);
    }

    [Fact]
    public async Task Sending_is_refused_with_the_missing_fields_named_next_to_them()
    {
        var (patientId, _, _) = await AdmitAsync(factory);
        var ward = factory.ClientFor("kontakt.s4");
        var url = (await ward.SubmitFormAsync($"/Patients/Case/{patientId}", new Dictionary<string, string?>(), "form.create-agreement")).Headers.Location!.ToString();

        var response = await ward.SubmitFormAsync(url, new Dictionary<string, string?>(), "form.doc-send");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Dokumentet kan ikke sendes endnu. Mangler: ", summary, StringComparison.Ordinal);
        Assert.Contains("Ambulant enhed", summary, StringComparison.Ordinal);
        Assert.Contains("Udarbejdet dato", summary, StringComparison.Ordinal);
        Assert.Equal("Udfyld \"Tidlige tegn på tilbagefald\" før dokumentet sendes.", page.FieldError("WarningSigns"));
        Assert.Contains("mindst én deltager", page.FieldError("participants"), StringComparison.Ordinal);
        Assert.Equal(DocumentStatus.Draft, await StatusAsync(factory, Guid.Parse(url.Split('/').Last())));
    }

    [Fact]
    public async Task Dates_out_of_order_are_shown_next_to_the_field_and_not_saved()
    {
        var (patientId, _, _) = await AdmitAsync(factory);
        var ward = factory.ClientFor("kontakt.s4");
        var url = (await ward.SubmitFormAsync($"/Patients/Case/{patientId}", new Dictionary<string, string?>(), "form.create-agreement")).Headers.Location!.ToString();

        var response = await ward.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["DrawnUpOn"] = Iso(Today.AddDays(5)), ["DischargeOn"] = Iso(Today.AddDays(3)), ["ReviewOn"] = "31-02-2026",
        }, "form[data-section='dates']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Udarbejdet dato skal ligge på eller før udskrivningsdatoen.", page.FieldError("DrawnUpOn"));
        Assert.Equal("Datoen er ikke gyldig (brug dd-mm-åååå).", page.FieldError("ReviewOn"));
        Assert.Equal(Iso(Today.AddDays(5)), page.QuerySelector("#f-DrawnUpOn")!.GetAttribute("value")); // what the user typed stays
        var id = Guid.Parse(url.Split('/').Last());
        Assert.Null(await factory.WithDbAsync(db => db.CareDocuments.Where(d => d.Id == id).Select(d => d.DrawnUpOn).SingleAsync()));
    }

    [Fact]
    public async Task Two_saves_of_the_same_version_the_second_gets_a_Danish_conflict_message_and_nothing_is_overwritten()
    {
        var (_, admissionId, _) = await AdmitAsync(factory);
        var id = await DocumentAsync(factory, admissionId, DocumentStatus.Draft);
        var url = $"/Agreements/{id}";
        var first = factory.ClientFor("kontakt.s4");
        var second = factory.ClientFor("kontakt.s4");
        var tabOne = await first.GetPageAsync(url);
        var tabTwo = await second.GetPageAsync(url);

        var saved = await PostFormAsync(first, tabOne, "form[data-section='nonattendance']", new Dictionary<string, string?> { ["NonAttendance"] = "Første udgave" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await PostFormAsync(second, tabTwo, "form[data-section='nonattendance']", new Dictionary<string, string?> { ["NonAttendance"] = "Anden udgave" });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await Html.ParseAsync(stale);
        var conflict = page.QuerySelector(".doc-conflict")!;
        Assert.Contains("Camilla Berg har ændret dokumentet", conflict.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dine ændringer er ikke gemt", conflict.TextContent, StringComparison.Ordinal);
        Assert.Equal("Anden udgave", conflict.QuerySelector(".doc-mine")!.TextContent);
        Assert.Equal("Første udgave", conflict.QuerySelector(".doc-saved")!.TextContent);
        Assert.Equal("Første udgave", await factory.WithDbAsync(db => db.CareDocuments.Where(d => d.Id == id).Select(d => d.NonAttendance).SingleAsync()));
    }

    [Fact]
    public async Task A_change_after_sending_makes_a_new_version_that_is_compared_side_by_side()
    {
        var (_, admissionId, _) = await AdmitAsync(factory);
        var id = await DocumentAsync(factory, admissionId, DocumentStatus.Accepted);
        var caseworker = factory.ClientFor("sag.aalborg");
        var ward = factory.ClientFor("kontakt.s4");

        var proposed = await caseworker.SubmitFormAsync($"/Agreements/{id}", new Dictionary<string, string?> { ["reason"] = "Borgeren flytter i botilbud" }, "form.doc-propose");
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var newUrl = proposed.Headers.Location!.ToString();
        Assert.NotEqual($"/Agreements/{id}", newUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await ward.SubmitFormAsync(newUrl, new Dictionary<string, string?> { ["Housing"] = "Botilbud Solsiden" }, "form[data-section='social']")).StatusCode);

        var old = await ward.GetPageAsync($"/Agreements/{id}");
        Assert.Equal("Erstattet af ny version", old.QuerySelector(".page-head .doc-status")!.TextContent);
        Assert.Contains("Isolerer sig", old.QuerySelector("[data-section='crisis']")!.TextContent, StringComparison.Ordinal); // still readable
        var compareLink = old.QuerySelectorAll(".notice a").Single(a => a.TextContent == "sammenlign versionerne").GetAttribute("href")!;

        var compare = await ward.GetPageAsync(compareLink);
        Assert.Equal("Sammenlign version 1 og 2", compare.QuerySelector("h1")!.TextContent);
        var changed = Assert.Single(compare.QuerySelectorAll("tr.changed"));
        Assert.StartsWith("Bolig (egen bolig, botilbud)", changed.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("–", changed.QuerySelector(".older")!.TextContent);
        Assert.Equal("Botilbud Solsiden", changed.QuerySelector(".newer")!.TextContent);
        Assert.Contains(compare.QuerySelectorAll("tr.same td.newer"), td => td.TextContent == "Isolerer sig");
    }

    [Fact]
    public async Task The_print_view_shows_the_patient_the_dates_and_every_section()
    {
        var id = await factory.WithDbAsync(db => db.CareDocuments.Where(d => d.Patient!.Cpr == "2808691122").Select(d => d.Id).SingleAsync());

        var page = await factory.ClientFor("kontakt.s4").GetPageAsync($"/Agreements/Print/{id}");

        Assert.Equal("Udskrivningsaftale", page.QuerySelector(".print-head h1")!.TextContent);
        Assert.Contains("Peter Andersen", page.QuerySelector(".print-patient")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("280869-1122", page.QuerySelector(".print-patient")!.TextContent, StringComparison.Ordinal);
        var titles = page.QuerySelectorAll(".doc-section h3").Select(h => h.TextContent).ToList();
        Assert.Equal(
            ["Retsgrundlag", "Deltagere", "Borgerens samtykke", "Behandling efter udskrivning", "Sociale indsatser", "Aftalte indsatser",
             "Tidlige tegn og kriseplan", "Udeblivelse", "Pårørende", "Netværksmøde", "Datoer", "Kommunens bemærkninger", "Godkendelse"],
            titles);
        Assert.Matches(@"\d{2}-\d{2}-\d{4}", page.QuerySelector("[data-field=DrawnUpOn]")!.TextContent);
        Assert.Contains("Line Munk, Aalborg Kommune", page.QuerySelector(".print-signoff")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet][media=print][href^='/css/print.css']"));
        Assert.Null(page.QuerySelector("script:not([src])")); // the CSP forbids inline scripts
    }

    [Fact]
    public async Task A_koordinationsplan_has_no_consent_step_and_asks_for_the_reason_for_declining()
    {
        var (patientId, _, _) = await AdmitAsync(factory);
        var ward = factory.ClientFor("kontakt.s4");
        var created = await ward.SubmitFormAsync($"/Patients/Case/{patientId}", new Dictionary<string, string?>(), "form.create-plan");
        var page = await ward.GetPageAsync(created.Headers.Location!.ToString());

        Assert.StartsWith("Koordinationsplan", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[data-section='consent']"));
        Assert.NotNull(page.QuerySelector("form[data-section='legal'] textarea[name=DeclineReason]"));
        Assert.Equal("Section13b", page.QuerySelector("#f-LegalBasis option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Ending_asks_for_date_and_reason_next_to_the_fields_and_entered_in_error_shows_who_and_why()
    {
        var (_, admissionId, _) = await AdmitAsync(factory);
        var id = await DocumentAsync(factory, admissionId, DocumentStatus.Accepted);
        var url = $"/Agreements/{id}";
        var ward = factory.ClientFor("kontakt.s4");

        var refused = await ward.SubmitFormAsync(url, new Dictionary<string, string?> { ["endedOn"] = "", ["endReason"] = "" }, "form.doc-end");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Equal("Angiv slutdatoen.", page.FieldError("EndedOn"));
        Assert.Equal("Angiv hvorfor dokumentet afsluttes.", page.FieldError("EndReason"));
        Assert.Equal(DocumentStatus.Accepted, await StatusAsync(factory, id));

        Assert.Equal(HttpStatusCode.Redirect, (await ward.SubmitFormAsync(url,
            new Dictionary<string, string?> { ["endedOn"] = Iso(Today), ["endReason"] = "Borgeren er flyttet til Aarhus" }, "form.doc-end")).StatusCode);
        var ended = await ward.GetPageAsync(url);
        Assert.Equal("Afsluttet", ended.QuerySelector(".page-head .doc-status")!.TextContent);
        Assert.Contains(ended.QuerySelectorAll(".notice"), n => n.TextContent.Contains("Borgeren er flyttet til Aarhus", StringComparison.Ordinal));
        Assert.Null(ended.QuerySelector("form.doc-end"));

        Assert.Equal(HttpStatusCode.Redirect, (await factory.ClientFor("sag.aalborg").SubmitFormAsync(url,
            new Dictionary<string, string?> { ["errorReason"] = "Oprettet på forkert borger" }, "form.doc-error")).StatusCode);
        var cancelled = await ward.GetPageAsync(url);
        Assert.Equal("Fejlregistreret", cancelled.QuerySelector(".page-head .doc-status")!.TextContent);
        Assert.Contains("Line Munk, Aalborg Kommune: Oprettet på forkert borger", cancelled.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Annulleret (fejlregistreret)", cancelled.QuerySelector(".doc-timeline")!.TextContent, StringComparison.Ordinal);
    }
}
