using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Core.Tests.Agreements.DocumentKit;

namespace CaseHub.Core.Tests.Agreements;

public class CareDocumentsTests
{
    [Fact]
    public async Task A_new_agreement_belongs_to_the_admission_and_is_sent_to_the_patients_municipality()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var ward = await UserAsync(db, "kontakt.s4");
        var outcome = await new CareDocuments(db, test.Clock).CreateAsync(ward, await MetteAdmissionAsync(db), DocumentKind.DischargeAgreement);

        Assert.True(outcome.Succeeded);
        var document = await ReloadAsync(test, outcome.Value!.Id);
        Assert.Equal(DocumentStatus.Draft, document.Status);
        Assert.Equal(1, document.Revision);
        Assert.Equal(ward.OrganizationId, document.AuthoringWardId);
        Assert.Equal(await db.Organizations.Where(o => o.Code == "0851" && o.Kind == OrganizationKind.Municipality).Select(o => o.Id).SingleAsync(),
            document.ReceivingMunicipalityId);
        Assert.Equal(new DateOnly(2026, 3, 4), document.DischargeOn); // the admission's planned discharge
        Assert.Equal("Camilla Berg", Assert.Single(document.Participants).Name);
        var created = await db.DocumentEvents.SingleAsync(e => e.DocumentId == document.Id);
        Assert.Equal((DocumentEvents.Created, "Camilla Berg", test.Clock.GetUtcNow().UtcDateTime), (created.Kind, created.ActorName, created.At));
    }

    [Theory]
    [InlineData("kontakt.s3")]
    [InlineData("sag.aalborg")]
    public async Task Only_the_ward_of_the_admission_starts_a_document(string username)
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var outcome = await new CareDocuments(db, test.Clock).CreateAsync(await UserAsync(db, username), await MetteAdmissionAsync(db), DocumentKind.DischargeAgreement);
        Assert.False(outcome.Succeeded);
        Assert.False(await db.CareDocuments.AnyAsync(d => d.Patient!.Cpr == MetteCpr));
    }

    [Fact]
    public async Task A_second_live_document_for_the_same_admission_is_refused()
    {
        await using var test = await TestDatabase.CreateAsync();
        await CompleteDraftAsync(test);
        await using var db = test.NewContext();
        var outcome = await new CareDocuments(db, test.Clock).CreateAsync(await UserAsync(db, "kontakt.s4"), await MetteAdmissionAsync(db), DocumentKind.CoordinationPlan);
        Assert.Contains("findes allerede en udskrivningsaftale", outcome.Errors[string.Empty], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_an_empty_draft_is_refused_with_every_missing_field_named()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var service = new CareDocuments(db, test.Clock);
        var ward = await UserAsync(db, "kontakt.s4");
        var draft = (await service.CreateAsync(ward, await MetteAdmissionAsync(db), DocumentKind.DischargeAgreement)).Value!;

        var outcome = await service.SendAsync(ward, draft.Id, draft.Version);

        Assert.False(outcome.Succeeded);
        foreach (var field in new[] { "LegalBasis", "ConsentGivenBy", "ConsentDate", "ConsentScope", "OutpatientUnit", "WarningSigns", "CrisisActions", "CrisisContacts", "NonAttendance", "DrawnUpOn", DocumentSections.Participants })
        {
            Assert.True(outcome.Errors.ContainsKey(field), field);
        }

        Assert.False(outcome.Errors.ContainsKey("DischargeOn")); // prefilled from the admission
        Assert.False(outcome.Errors.ContainsKey("DeclineReason")); // belongs to the koordinationsplan
        Assert.Contains("Ambulant enhed", outcome.Errors[string.Empty], StringComparison.Ordinal);
        Assert.Equal(DocumentStatus.Draft, (await ReloadAsync(test, draft.Id)).Status);
    }

    [Fact]
    public async Task A_koordinationsplan_needs_the_reason_for_declining_and_no_consent()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var service = new CareDocuments(db, test.Clock);
        var ward = await UserAsync(db, "kontakt.s4");
        var draft = (await service.CreateAsync(ward, await MetteAdmissionAsync(db), DocumentKind.CoordinationPlan)).Value!;
        Assert.Equal(DocumentLegalBasis.Section13b, draft.LegalBasis);

        var errors = CareDocuments.MissingToSend(draft);
        Assert.Contains("DeclineReason", errors.Keys);
        Assert.DoesNotContain("ConsentGivenBy", errors.Keys);
        Assert.False(DocumentSections.Find("consent")!.AppliesTo(DocumentKind.CoordinationPlan));

        var wrongBasis = await service.SaveSectionAsync(ward, draft.Id, draft.Version, "legal",
            new Dictionary<string, string?> { ["LegalBasis"] = "Section13aStk1", ["DeclineReason"] = "Vil ikke" });
        Assert.Equal("En koordinationsplan laves efter §13b.", wrongBasis.Errors["LegalBasis"]);

        var plan = await CompleteDraftAsync(await TestDatabase.CreateAsync(), DocumentKind.CoordinationPlan);
        Assert.Empty(CareDocuments.MissingToSend(plan));
    }

    [Fact]
    public async Task Dates_out_of_order_are_refused_next_to_the_field_and_nothing_is_saved()
    {
        await using var test = await TestDatabase.CreateAsync();
        var draft = await CompleteDraftAsync(test);
        await using var db = test.NewContext();
        var outcome = await new CareDocuments(db, test.Clock).SaveSectionAsync(await UserAsync(db, "kontakt.s4"), draft.Id, draft.Version, "dates",
            new Dictionary<string, string?> { ["DrawnUpOn"] = "2026-03-05", ["DischargeOn"] = "2026-03-04", ["ReviewOn"] = "2026-03-01" });

        Assert.Equal("Udarbejdet dato skal ligge på eller før udskrivningsdatoen.", outcome.Errors["DrawnUpOn"]);
        Assert.Equal("Revurderingsdatoen kan ikke ligge før udarbejdet dato.", outcome.Errors["ReviewOn"]);
        var stored = await ReloadAsync(test, draft.Id);
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 6, 1), draft.Version), (stored.DrawnUpOn!.Value, stored.ReviewOn!.Value, stored.Version));
    }

    [Fact]
    public async Task A_drawn_up_date_after_the_discharge_date_stops_sending()
    {
        await using var test = await TestDatabase.CreateAsync();
        var draft = await CompleteDraftAsync(test);
        draft.DrawnUpOn = new DateOnly(2026, 3, 5);
        Assert.Equal("Udarbejdet dato skal ligge på eller før udskrivningsdatoen.", CareDocuments.MissingToSend(draft)["DrawnUpOn"]);
    }

    [Fact]
    public async Task The_journey_draft_sent_accepted_active_records_who_and_when()
    {
        await using var test = await TestDatabase.CreateAsync();
        var draft = await CompleteDraftAsync(test);
        await using var db = test.NewContext();
        var service = new CareDocuments(db, test.Clock);
        var ward = await UserAsync(db, "kontakt.s4");
        var municipality = await UserAsync(db, "sag.aalborg");

        var sent = await service.SendAsync(ward, draft.Id, draft.Version);
        Assert.True(sent.Succeeded, string.Join("; ", sent.Errors.Values));
        test.Clock.Advance(TimeSpan.FromHours(3));
        var withPart = await service.AddActionAsync(municipality, draft.Id, sent.Value!.Version,
            new CareDocuments.ActionInput("Bostøtte to gange om ugen", "Aalborg Kommune", "Line Munk", new DateOnly(2026, 3, 9), ActionStatus.Planned));
        Assert.True(withPart.Succeeded, string.Join("; ", withPart.Errors.Values));
        var accepted = await service.AcceptAsync(municipality, draft.Id, withPart.Value!.Version);
        Assert.True(accepted.Succeeded);
        var discharged = await service.RegisterDischargeAsync(ward, draft.AdmissionId, new DateOnly(2026, 3, 2));
        Assert.True(discharged.Succeeded);

        var stored = await ReloadAsync(test, draft.Id);
        Assert.Equal(DocumentStatus.Active, stored.Status);
        Assert.Equal(Sector.Municipality, Assert.Single(stored.Actions).OwnerSector);
        var events = await db.DocumentEvents.Where(e => e.DocumentId == draft.Id && e.ToStatus != null).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [(DocumentEvents.Created, "Camilla Berg"), (DocumentEvents.Sent, "Camilla Berg"), (DocumentEvents.Accepted, "Line Munk"), (DocumentEvents.Activated, "Camilla Berg")],
            events.Select(e => (e.Kind, e.ActorName)));
        Assert.Equal(test.Clock.GetUtcNow().UtcDateTime, events[2].At);
        Assert.NotNull((await db.Admissions.SingleAsync(a => a.Id == draft.AdmissionId)).End);
    }

    [Fact]
    public async Task A_save_based_on_an_old_version_is_refused_with_who_changed_it_and_nothing_is_overwritten()
    {
        await using var test = await TestDatabase.CreateAsync();
        var draft = await CompleteDraftAsync(test);
        await using var first = test.NewContext();
        await using var second = test.NewContext();
        var ward = await UserAsync(first, "kontakt.s4");

        var saved = await new CareDocuments(first, test.Clock).SaveSectionAsync(ward, draft.Id, draft.Version, "nonattendance",
            new Dictionary<string, string?> { ["NonAttendance"] = "Første udgave" });
        Assert.True(saved.Succeeded);
        var stale = await new CareDocuments(second, test.Clock).SaveSectionAsync(ward, draft.Id, draft.Version, "nonattendance",
            new Dictionary<string, string?> { ["NonAttendance"] = "Anden udgave" });

        Assert.False(stale.Succeeded);
        Assert.StartsWith("Camilla Berg har ændret dokumentet 02-03-2026 kl. 11:00", stale.Errors[CareDocuments.ConflictKey], StringComparison.Ordinal);
        Assert.Equal("Første udgave", (await ReloadAsync(test, draft.Id)).NonAttendance);
    }

    [Fact]
    public async Task The_database_refuses_a_write_from_a_stale_row_even_when_two_saves_race()
    {
        await using var test = await TestDatabase.CreateAsync();
        var draft = await CompleteDraftAsync(test);
        await using var a = test.NewContext();
        await using var b = test.NewContext();
        var rowA = await a.CareDocuments.SingleAsync(d => d.Id == draft.Id);
        var rowB = await b.CareDocuments.SingleAsync(d => d.Id == draft.Id);
        rowA.NonAttendance = "A";
        rowA.Version++;
        await a.SaveChangesAsync();
        rowB.NonAttendance = "B";
        rowB.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());
    }

    [Fact]
    public async Task A_change_after_sending_makes_a_new_version_and_the_old_stays_readable_and_comparable()
    {
        await using var test = await TestDatabase.CreateAsync();
        var draft = await CompleteDraftAsync(test);
        await using var db = test.NewContext();
        var service = new CareDocuments(db, test.Clock);
        var ward = await UserAsync(db, "kontakt.s4");
        var sent = (await service.SendAsync(ward, draft.Id, draft.Version)).Value!;

        var proposed = await service.ProposeChangeAsync(await UserAsync(db, "sag.aalborg"), sent.Id, sent.Version, "Borgeren får botilbud");
        Assert.True(proposed.Succeeded);
        var next = proposed.Value!;
        Assert.Equal((2, DocumentStatus.Draft, draft.SeriesId, draft.Id), (next.Revision, next.Status, next.SeriesId, next.PreviousVersionId!.Value));
        var edited = await service.SaveSectionAsync(ward, next.Id, next.Version, "social", new Dictionary<string, string?> { ["Housing"] = "Botilbud" });
        Assert.True(edited.Succeeded);

        var old = await ReloadAsync(test, draft.Id);
        var current = await ReloadAsync(test, next.Id);
        Assert.Equal(DocumentStatus.Superseded, old.Status);
        Assert.Equal("Sover dårligt", current.WarningSigns); // copied
        Assert.Equal(old.Participants.Select(p => p.Name).Order(), current.Participants.Select(p => p.Name).Order());
        var difference = Assert.Single(DocumentSections.Differences(old, current));
        Assert.Equal(("Sociale indsatser", "Housing", null, "Botilbud"), (difference.Section.Title, difference.Field.Name, difference.Old, difference.New));
    }

    [Fact]
    public async Task Ending_needs_a_date_and_a_reason_and_entered_in_error_records_who_and_why()
    {
        await using var test = await TestDatabase.CreateAsync();
        var accepted = await InStatusAsync(test, DocumentStatus.Accepted);
        await using var db = test.NewContext();
        var service = new CareDocuments(db, test.Clock);
        var ward = await UserAsync(db, "kontakt.s4");

        var refused = await service.EndAsync(ward, accepted.Id, accepted.Version, null, " ");
        Assert.Equal(["EndReason", "EndedOn"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        var ended = await service.EndAsync(ward, accepted.Id, accepted.Version, new DateOnly(2026, 3, 2), "Borgeren er flyttet");
        Assert.Equal((DocumentStatus.Ended, "Borgeren er flyttet"), (ended.Value!.Status, ended.Value.EndReason!));

        var cancelled = await service.EnterInErrorAsync(await UserAsync(db, "sag.aalborg"), accepted.Id, ended.Value.Version, "Oprettet på forkert borger");
        var stored = await ReloadAsync(test, accepted.Id);
        Assert.True(cancelled.Succeeded);
        Assert.Equal((DocumentStatus.EnteredInError, "Line Munk, Aalborg Kommune", "Oprettet på forkert borger"),
            (stored.Status, stored.EnteredInErrorBy!, stored.EnteredInErrorReason!));
    }

    [Fact]
    public async Task The_receiving_municipality_keeps_access_to_the_document_when_the_patient_moves()
    {
        await using var test = await TestDatabase.CreateAsync();
        var document = await InStatusAsync(test, DocumentStatus.Sent);
        await using var db = test.NewContext();
        var patient = await db.Patients.SingleAsync(p => p.Id == document.PatientId);
        patient.MunicipalityId = await db.Organizations.Where(o => o.Code == "0860" && o.Kind == OrganizationKind.Municipality).Select(o => o.Id).SingleAsync();

        // Only the document relates Aalborg to the patient now: no team membership either.
        foreach (var member in await db.TeamMembers.Where(m => m.PatientId == patient.Id).ToListAsync())
        {
            member.RemovedAt = test.Clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync();

        var policy = new PatientAccessPolicy(db);
        var aalborg = await UserAsync(db, "sag.aalborg");
        var hjoerring = await UserAsync(db, "sag.hjoerring");
        Assert.Equal("document-receiving-municipality", (await policy.DecideAsync(aalborg, patient.Id, DataKind.Document, AccessMode.Read)).Rule);
        Assert.False((await policy.DecideAsync(aalborg, patient.Id, DataKind.Case, AccessMode.Read)).Allowed);
        Assert.Equal("municipality-of-residence", (await policy.DecideAsync(hjoerring, patient.Id, DataKind.Document, AccessMode.Read)).Rule);
        Assert.Contains(patient.Id, await policy.VisiblePatients(aalborg, DataKind.Document).Select(p => p.Id).ToListAsync());
        Assert.False((await policy.DecideAsync(await UserAsync(db, "kontakt.aarhus"), patient.Id, DataKind.Document, AccessMode.Read)).Allowed);
    }

    [Fact]
    public async Task Once_sent_participants_can_be_added_by_the_municipality_but_not_removed()
    {
        await using var test = await TestDatabase.CreateAsync();
        var sent = await InStatusAsync(test, DocumentStatus.Sent);
        await using var db = test.NewContext();
        var service = new CareDocuments(db, test.Clock);
        var municipality = await UserAsync(db, "sag.aalborg");

        var added = await service.AddParticipantAsync(municipality, sent.Id, sent.Version,
            new CareDocuments.ParticipantInput(ParticipantRole.Caseworker, "Line Munk", "Aalborg Kommune", null));
        Assert.True(added.Succeeded);
        var removed = await service.RemoveParticipantAsync(municipality, sent.Id, added.Value!.Version, added.Value.Participants[0].Id);
        Assert.StartsWith("Deltagere kan kun fjernes i en kladde", removed.Errors[string.Empty], StringComparison.Ordinal);
        var unknown = await service.AddParticipantAsync(municipality, sent.Id, added.Value.Version, new CareDocuments.ParticipantInput((ParticipantRole)42, " ", null, null));
        Assert.Equal(["Name", "Role"], unknown.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, (await ReloadAsync(test, sent.Id)).Participants.Count);
    }

    [Fact]
    public async Task Document_lists_contain_exactly_the_patients_single_decisions_allow()
    {
        await using var test = await TestDatabase.CreateAsync();
        await InStatusAsync(test, DocumentStatus.Sent);
        await using var db = test.NewContext();
        var policy = new PatientAccessPolicy(db);
        foreach (var username in Core.Data.DemoData.Users.Select(u => u.Username))
        {
            var user = await UserAsync(db, username);
            var visible = await policy.VisiblePatients(user, DataKind.Document).Select(p => p.Id).ToListAsync();
            foreach (var patientId in await db.Patients.Select(p => p.Id).ToListAsync())
            {
                Assert.Equal((await policy.DecideAsync(user, patientId, DataKind.Document, AccessMode.Read)).Allowed, visible.Contains(patientId));
            }
        }
    }
}
