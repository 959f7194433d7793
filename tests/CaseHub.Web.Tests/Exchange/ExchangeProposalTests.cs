using System.Net;
using CaseHub.Core.Agreements;
using CaseHub.Core.Exchange;
using CaseHub.Core.Organizations;
using CaseHub.Web.Tests.Agreements;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Web.Tests.Exchange.ExchangePair;

namespace CaseHub.Web.Tests.Exchange;

/// <summary>
/// What the municipality does in its own CaseHub travels back to the region: a proposed change becomes the ward's new
/// draft, and the municipality's own actions and participants follow its status. Ward in the region's CaseHub,
/// caseworker in the municipality's, through the pages.
/// </summary>
public sealed class ExchangeProposalTests(ExchangePair pair) : IClassFixture<ExchangePair>, IDisposable
{
    public void Dispose() => pair.Board.Reset();

    [Fact]
    public async Task A_change_proposed_by_the_municipality_becomes_the_wards_new_draft_which_the_ward_edits_and_sends_back()
    {
        var (admissionId, _, _) = await pair.PatientAsync();
        var first = await AgreementKit.DocumentAsync(pair.Region, admissionId, DocumentStatus.Sent);
        await DeliverAsync(pair.Region);

        // In the municipality's CaseHub: its part, its own action, a participant, then "Foreslå ændring".
        var caseworker = pair.Municipality.ClientFor("sag.aalborg");
        var firstUrl = $"/Agreements/{first}";
        Ok(await caseworker.SubmitFormAsync(firstUrl, new Dictionary<string, string?>
        {
            ["Housing"] = "Botilbud Kastanjehuset", ["HousingSupport"] = "Bostøtte dagligt",
        }, "form[data-section='social']"));
        Ok(await caseworker.SubmitFormAsync(firstUrl, new Dictionary<string, string?>
        {
            ["what"] = "Visitation til botilbud", ["responsibleOrganization"] = "Aalborg Kommune", ["dueOn"] = AgreementKit.Iso(AgreementKit.Today.AddDays(10)),
        }, "form.doc-add-action"));
        Ok(await caseworker.SubmitFormAsync(firstUrl, new Dictionary<string, string?>
        {
            ["role"] = nameof(ParticipantRole.Other), ["name"] = "Kim Bostøtte", ["organization"] = "Kastanjehuset",
        }, "form.doc-add-participant"));
        var proposed = await caseworker.SubmitFormAsync(firstUrl, new Dictionary<string, string?> { ["reason"] = "Borgeren flytter i botilbud; kriseplanen skal passe til det." }, "form.doc-propose");
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var draftId = Guid.Parse(proposed.Headers.Location!.OriginalString.Split('/').Last());
        var mineNow = await caseworker.GetPageAsync($"/Agreements/{draftId}");
        Assert.Contains("ligger hos", mineNow.QuerySelector(".doc-proposal-note")!.TextContent, StringComparison.Ordinal);

        // One message to the region: the superseded version, carrying the new draft.
        var row = Assert.Single(await OutboxAsync(pair.Municipality, first));
        Assert.Equal(RegionCode, row.ReceiverCode);
        Assert.Contains("\"successor\"", row.Payload, StringComparison.Ordinal);
        await DeliverAsync(pair.Municipality);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await OutboxAsync(pair.Municipality, first)).Status);

        // In the region: the old version superseded, the new draft (same id) linked to it, with the municipality's part.
        Assert.Equal(DocumentStatus.Superseded, (await DocumentAsync(pair.Region, first))!.Status);
        var draft = await pair.Region.WithDbAsync(db => db.CareDocuments.Include(d => d.Actions).Include(d => d.Participants).AsSplitQuery().SingleAsync(d => d.Id == draftId));
        var old = (await DocumentAsync(pair.Region, first))!;
        Assert.Equal((DocumentStatus.Draft, 2, (Guid?)first, old.SeriesId), (draft.Status, draft.Revision, draft.PreviousVersionId, draft.SeriesId));
        Assert.Equal(("Botilbud Kastanjehuset", "Ambulatorium Syd"), (draft.Housing, draft.OutpatientUnit));
        Assert.Contains(draft.Actions, a => a.What == "Visitation til botilbud" && a.OwnerSector == Sector.Municipality);
        Assert.Contains(draft.Participants, p => p.Name == "Kim Bostøtte");
        Assert.Contains(draft.Participants, p => p.Name == "Line Munk");

        // The ward finds it on the case like its own proposal, with the reason, and edits and sends it.
        var ward = pair.Region.ClientFor("kontakt.s4");
        var case_ = await ward.GetPageAsync($"/Patients/Case/{draft.PatientId}");
        Assert.Contains(case_.QuerySelectorAll(".case-documents a"), a => a.GetAttribute("href") == $"/Agreements/{draftId}");
        var draftUrl = $"/Agreements/{draftId}";
        var view = await ward.GetPageAsync(draftUrl);
        Assert.Equal("Kladde", view.QuerySelector(".page-head .doc-status")!.TextContent);
        Assert.Contains("Borgeren flytter i botilbud", view.QuerySelector(".doc-timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Botilbud Kastanjehuset", view.QuerySelector("[data-section='social']")!.TextContent, StringComparison.Ordinal);
        Ok(await ward.SubmitFormAsync(draftUrl, new Dictionary<string, string?> { ["OutpatientUnit"] = "Ambulatorium Nord" }, "form[data-section='treatment']"));
        Ok(await ward.SubmitFormAsync(draftUrl, new Dictionary<string, string?>(), "form.doc-send"));
        Assert.Equal(DocumentStatus.Sent, (await DocumentAsync(pair.Region, draftId))!.Status);
        await DeliverAsync(pair.Region);

        // The municipality's draft is now the sent version 2, with the ward's change.
        var copy = await pair.Municipality.WithDbAsync(db => db.CareDocuments.Include(d => d.Actions).AsSplitQuery().SingleAsync(d => d.Id == draftId));
        Assert.Equal((DocumentStatus.Sent, "Ambulatorium Nord", "Botilbud Kastanjehuset"), (copy.Status, copy.OutpatientUnit, copy.Housing));
        Assert.Equal((2, (Guid?)first), (copy.Revision, copy.PreviousVersionId));

        // The caseworker replaces its action with another and accepts: the ward sees exactly the municipality's new actions.
        var mine = Assert.Single(copy.Actions, a => a.OwnerSector == Sector.Municipality);
        Ok(await caseworker.SubmitFormAsync(draftUrl, new Dictionary<string, string?>(), $"form:has(input[name='actionId'][value='{mine.Id}'])"));
        Ok(await caseworker.SubmitFormAsync(draftUrl, new Dictionary<string, string?>
        {
            ["what"] = "Opstartsmøde i botilbuddet", ["responsibleOrganization"] = "Aalborg Kommune", ["dueOn"] = AgreementKit.Iso(AgreementKit.Today.AddDays(5)),
        }, "form.doc-add-action"));
        Ok(await caseworker.SubmitFormAsync(draftUrl, new Dictionary<string, string?>(), "form.doc-accept"));
        await DeliverAsync(pair.Municipality);

        var accepted = await pair.Region.WithDbAsync(db => db.CareDocuments.Include(d => d.Actions).AsSplitQuery().SingleAsync(d => d.Id == draftId));
        Assert.Equal(DocumentStatus.Accepted, accepted.Status);
        Assert.Equal(["Opstartsmøde i botilbuddet"], accepted.Actions.Where(a => a.OwnerSector == Sector.Municipality).Select(a => a.What));
        Assert.Equal(draft.Actions.Where(a => a.OwnerSector == Sector.Region).Select(a => a.Id).Order(), accepted.Actions.Where(a => a.OwnerSector == Sector.Region).Select(a => a.Id).Order());

        // The version relations agree in both CaseHubs.
        foreach (var host in new[] { pair.Region, pair.Municipality })
        {
            var series = await host.WithDbAsync(db => db.CareDocuments.AsNoTracking().Where(d => d.SeriesId == old.SeriesId).OrderBy(d => d.Revision).ToListAsync());
            Assert.Equal([(first, 1, DocumentStatus.Superseded), (draftId, 2, DocumentStatus.Accepted)], series.Select(d => (d.Id, d.Revision, d.Status)));
            Assert.Equal((Guid?)first, series[1].PreviousVersionId);
        }

        // The superseded message again changes nothing: still one draft-turned-version, no second one.
        var again = await PostAsync(pair.Region, row.Payload, row.IdempotencyKey, MunicipalityToRegion);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, await pair.Region.WithDbAsync(db => db.CareDocuments.CountAsync(d => d.SeriesId == old.SeriesId)));
    }

    [Fact]
    public async Task The_municipalitys_actions_and_participants_travel_with_its_acceptance_and_it_never_changes_the_wards()
    {
        var (admissionId, _, _) = await pair.PatientAsync();
        var documentId = await AgreementKit.DocumentAsync(pair.Region, admissionId, DocumentStatus.Draft);
        var wardUrl = $"/Agreements/{documentId}";
        var wardClient = pair.Region.ClientFor("kontakt.s4");
        Ok(await wardClient.SubmitFormAsync(wardUrl, new Dictionary<string, string?>
        {
            ["what"] = "Ambulant samtale", ["responsibleOrganization"] = "Ambulatorium Syd", ["dueOn"] = AgreementKit.Iso(AgreementKit.Today.AddDays(7)),
        }, "form.doc-add-action"));
        Ok(await wardClient.SubmitFormAsync(wardUrl, new Dictionary<string, string?>(), "form.doc-send"));
        var wardAction = await pair.Region.WithDbAsync(db => db.Set<AgreedAction>().AsNoTracking().SingleAsync(a => a.DocumentId == documentId));
        await DeliverAsync(pair.Region);
        var copyActions = await pair.Municipality.WithDbAsync(db => db.Set<AgreedAction>().AsNoTracking().Where(a => a.DocumentId == documentId).ToListAsync());
        Assert.Equal(wardAction.Id, Assert.Single(copyActions).Id);

        var caseworker = pair.Municipality.ClientFor("sag.aalborg");
        var url = $"/Agreements/{documentId}";
        Ok(await caseworker.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["what"] = "Bostøtte tre gange om ugen", ["responsibleOrganization"] = "Aalborg Kommune", ["responsiblePerson"] = "Line Munk",
            ["dueOn"] = AgreementKit.Iso(AgreementKit.Today.AddDays(14)),
        }, "form.doc-add-action"));
        Ok(await caseworker.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["role"] = nameof(ParticipantRole.Caseworker), ["name"] = "Sara Jobcenter", ["organization"] = "Jobcenter Aalborg",
        }, "form.doc-add-participant"));

        // The municipality's system also (wrongly) changed the ward's action; it is sent back with the acceptance.
        await pair.Municipality.WithDbAsync(async db =>
        {
            var theirs = await db.Set<AgreedAction>().SingleAsync(a => a.Id == wardAction.Id);
            theirs.What = "Ændret af kommunen";
            return await db.SaveChangesAsync();
        });
        Ok(await caseworker.SubmitFormAsync(url, new Dictionary<string, string?>(), "form.doc-accept"));
        await DeliverAsync(pair.Municipality);

        // The ward sees the municipality's action (owned by it) and participant; its own action is as it made it.
        var view = await pair.Region.ClientFor("kontakt.s4").GetPageAsync(url);
        Assert.Equal("Accepteret", view.QuerySelector(".page-head .doc-status")!.TextContent);
        var rows = view.QuerySelectorAll("table.doc-actions tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Bostøtte tre gange om ugen", StringComparison.Ordinal) && r.Contains("Line Munk", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Ambulant samtale", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("Ændret af kommunen", StringComparison.Ordinal));
        Assert.Contains("Sara Jobcenter", view.QuerySelector("#panel-participants")!.TextContent, StringComparison.Ordinal);
        var actions = await pair.Region.WithDbAsync(db => db.Set<AgreedAction>().AsNoTracking().Where(a => a.DocumentId == documentId).ToListAsync());
        Assert.Equal(2, actions.Count);
        Assert.Equal(Sector.Municipality, Assert.Single(actions, a => a.What == "Bostøtte tre gange om ugen").OwnerSector);
    }

    [Fact]
    public async Task When_both_sides_propose_a_change_the_wards_new_version_wins_takes_the_municipalitys_part_and_both_CaseHubs_agree()
    {
        var (admissionId, _, _) = await pair.PatientAsync();
        var first = await AgreementKit.DocumentAsync(pair.Region, admissionId, DocumentStatus.Sent);
        await DeliverAsync(pair.Region);
        var url = $"/Agreements/{first}";
        var old = (await DocumentAsync(pair.Region, first))!;

        // Both propose before either hears of the other.
        var ward = pair.Region.ClientFor("kontakt.s4");
        var wardProposal = await ward.SubmitFormAsync(url, new Dictionary<string, string?> { ["reason"] = "Ny udskrivningsdato" }, "form.doc-propose");
        var wardDraft = Guid.Parse(wardProposal.Headers.Location!.OriginalString.Split('/').Last());
        var caseworker = pair.Municipality.ClientFor("sag.aalborg");
        Ok(await caseworker.SubmitFormAsync(url, new Dictionary<string, string?> { ["Housing"] = "Egen lejlighed med bostøtte" }, "form[data-section='social']"));
        var municipalProposal = await caseworker.SubmitFormAsync(url, new Dictionary<string, string?> { ["reason"] = "Boligen er på plads" }, "form.doc-propose");
        var municipalDraft = Guid.Parse(municipalProposal.Headers.Location!.OriginalString.Split('/').Last());
        await DeliverAsync(pair.Municipality);
        await DeliverAsync(pair.Region);

        // The ward's draft took the municipality's part in; the reason is on its timeline; no second draft.
        var draft = (await DocumentAsync(pair.Region, wardDraft))!;
        Assert.Equal((DocumentStatus.Draft, "Egen lejlighed med bostøtte"), (draft.Status, draft.Housing));
        Assert.Null(await DocumentAsync(pair.Region, municipalDraft));
        var view = await ward.GetPageAsync($"/Agreements/{wardDraft}");
        Assert.Contains("Boligen er på plads", view.QuerySelector(".doc-timeline")!.TextContent, StringComparison.Ordinal);

        // The ward sends its version: the municipality's own draft is cancelled, and the series agree.
        Ok(await ward.SubmitFormAsync($"/Agreements/{wardDraft}", new Dictionary<string, string?>(), "form.doc-send"));
        await DeliverAsync(pair.Region);
        Assert.Equal(DocumentStatus.EnteredInError, (await DocumentAsync(pair.Municipality, municipalDraft))!.Status);
        foreach (var host in new[] { pair.Region, pair.Municipality })
        {
            var live = await host.WithDbAsync(db => db.CareDocuments.AsNoTracking()
                .Where(d => d.SeriesId == old.SeriesId && d.Id != first).ToListAsync());
            var only = Assert.Single(live);
            Assert.Equal((wardDraft, 2, DocumentStatus.Sent, "Egen lejlighed med bostøtte"), (only.Id, only.Revision, only.Status, only.Housing));
            Assert.Equal(DocumentStatus.Superseded, (await DocumentAsync(host, first))!.Status);
        }
    }

    [Fact]
    public async Task A_proposal_that_crosses_the_wards_cancellation_makes_no_draft_and_is_cancelled_in_the_municipality_too()
    {
        var (admissionId, _, _) = await pair.PatientAsync();
        var first = await AgreementKit.DocumentAsync(pair.Region, admissionId, DocumentStatus.Sent);
        await DeliverAsync(pair.Region);
        var url = $"/Agreements/{first}";

        // The ward cancels while the caseworker proposes a change; neither has heard of the other.
        var ward = pair.Region.ClientFor("kontakt.s4");
        Ok(await ward.SubmitFormAsync(url, new Dictionary<string, string?> { ["errorReason"] = "Forkert borger" }, "form.doc-error"));
        var proposal = await pair.Municipality.ClientFor("sag.aalborg").SubmitFormAsync(url, new Dictionary<string, string?> { ["reason"] = "Ny bolig" }, "form.doc-propose");
        var municipalDraft = Guid.Parse(proposal.Headers.Location!.OriginalString.Split('/').Last());
        await DeliverAsync(pair.Municipality);
        await DeliverAsync(pair.Region);

        // The region keeps the cancellation and makes no draft; the municipality's draft is cancelled with the version.
        Assert.Equal(DocumentStatus.EnteredInError, (await DocumentAsync(pair.Region, first))!.Status);
        Assert.Null(await DocumentAsync(pair.Region, municipalDraft));
        Assert.Equal(DocumentStatus.EnteredInError, (await DocumentAsync(pair.Municipality, first))!.Status);
        var draft = (await DocumentAsync(pair.Municipality, municipalDraft))!;
        Assert.Equal(DocumentStatus.EnteredInError, draft.Status);
        Assert.Contains("annulleret", draft.EnteredInErrorReason, StringComparison.Ordinal);
    }

    private static void Ok(HttpResponseMessage response) => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

    private static Task<HttpResponseMessage> PostAsync(ExchangeHost host, string payload, string key, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/" + ExchangeClient.Operation)
        {
            Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.TryAddWithoutValidation(ExchangeClient.IdempotencyHeader, key);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return host.CreateClient().SendAsync(request);
    }
}
