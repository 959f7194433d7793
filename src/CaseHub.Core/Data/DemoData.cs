using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using Microsoft.EntityFrameworkCore;
using Codes = CaseHub.Core.Organizations.ReferenceData.Codes;

namespace CaseHub.Core.Data;

/// <summary>
/// Fictitious users, patients and admissions for Development, so every page has something to show. CPR numbers
/// have valid format and dates but belong to no one. Dates are relative to the day the demo database is created.
/// </summary>
public static class DemoData
{
    /// <summary>A demo user: the user name is what the development sign-in and <c>/dev/token</c> take.</summary>
    public sealed record DemoUser(string Username, string Name, string Title, string Role, OrganizationKind OrgKind, string OrgCode);

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("kontakt.s4", "Camilla Berg", "Sygeplejerske, kontaktperson", Roles.PsychiatryContactPerson, OrganizationKind.HospitalWard, Codes.WardAalborgS4),
        new("kontakt.s3", "Mads Vestergaard", "Social- og sundhedsassistent, kontaktperson", Roles.PsychiatryContactPerson, OrganizationKind.HospitalWard, Codes.WardAalborgS3),
        new("kontakt.aarhus", "Sofie Dahl", "Sygeplejerske, kontaktperson", Roles.PsychiatryContactPerson, OrganizationKind.HospitalWard, Codes.WardAarhusP2),
        new("sag.aalborg", "Line Munk", "Socialrådgiver", Roles.MunicipalCaseworker, OrganizationKind.Municipality, Codes.Aalborg),
        new("sag.hjoerring", "Rasmus Bach", "Socialrådgiver", Roles.MunicipalCaseworker, OrganizationKind.Municipality, Codes.Hjoerring),
        new("hus.aalborg", "Birgitte Krogh", "Koordinator", Roles.HouseCoordinator, OrganizationKind.PsychiatricHouse, Codes.PsykiatriensHusAalborg),
        new("analytiker", "Ida Friis", "Dataanalytiker", Roles.Analyst, OrganizationKind.Region, Codes.RegionNordjylland),
        new("admin", "Thomas Lind", "Systemadministrator", Roles.Administrator, OrganizationKind.Region, Codes.RegionNordjylland),
    ];

    private sealed record DemoPatient(
        string Cpr, string Given, string Family, string MunicipalityCode, string WardCode, LegalBasis Basis,
        int AdmittedDaysAgo, int? DischargedDaysAgo, int? PlannedDischargeInDays, TargetGroupMarking Marking);

    private static readonly DemoPatient[] Patients =
    [
        new("1203851236", "Mette", "Kristensen", Codes.Aalborg, Codes.WardAalborgS4, LegalBasis.CompulsoryAdmission, 12, null, 2, TargetGroupMarking.None),
        new("0507921417", "Jonas", "Nielsen", Codes.Aalborg, Codes.WardAalborgS3, LegalBasis.Voluntary, 20, null, 5, TargetGroupMarking.Section13aStk1),
        new("2311780825", "Susanne", "Mikkelsen", Codes.Hjoerring, Codes.WardAalborgS3, LegalBasis.CompulsoryDetention, 8, null, 7, TargetGroupMarking.None),
        new("1409014321", "Kasper", "Holm", Codes.Broenderslev, Codes.WardBroenderslev, LegalBasis.Voluntary, 4, null, null, TargetGroupMarking.None),
        new("0303104123", "Freja", "Lund", Codes.Aalborg, Codes.WardAalborgS3, LegalBasis.Voluntary, 6, null, 10, TargetGroupMarking.Section13aStk2),
        new("2808691122", "Peter", "Andersen", Codes.Aalborg, Codes.WardAalborgS4, LegalBasis.CompulsoryAdmission, 30, 10, null, TargetGroupMarking.None),
        new("1111881118", "Henrik", "Poulsen", Codes.Hjoerring, Codes.WardAalborgS4, LegalBasis.Voluntary, 70, 40, null, TargetGroupMarking.Section13aStk1),
        new("1502832345", "Lars", "Thomsen", Codes.Aalborg, Codes.WardAalborgS3, LegalBasis.Voluntary, 230, 200, null, TargetGroupMarking.None),
        new("2104761006", "Karen", "Mortensen", Codes.Aalborg, Codes.WardAalborgS3, LegalBasis.Voluntary, 420, 400, null, TargetGroupMarking.None),
        new("0606951234", "Anne", "Sørensen", Codes.Aarhus, Codes.WardAarhusP2, LegalBasis.CompulsoryAdmission, 5, null, 9, TargetGroupMarking.None),

        // Lives in Brønderslev, which has no CaseHub in the demo: in Development its documents go out as MedCom
        // CareCommunication (appsettings.Development.json), so sending his agreement shows a delivery on Leverancer.
        new("1710794563", "Ole", "Brandt", Codes.Broenderslev, Codes.WardAalborgS3, LegalBasis.Voluntary, 9, null, 4, TargetGroupMarking.Section13aStk1),
    ];

    /// <summary>Adds the demo data once; does nothing when demo users already exist.</summary>
    public static async Task SeedAsync(CaseHubDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.StaffUsers.AnyAsync(u => u.IsDemo, ct))
        {
            return;
        }

        var orgs = await db.Organizations.ToDictionaryAsync(o => (o.Kind, o.Code), ct);
        foreach (var u in Users)
        {
            db.StaffUsers.Add(new StaffUser
            {
                Username = u.Username,
                Name = u.Name,
                Title = u.Title,
                Email = $"{u.Username}@demo.casehub.dk",
                OrganizationId = orgs[(u.OrgKind, u.OrgCode)].Id,
                Roles = [u.Role],
                IsDemo = true,
            });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DanishCalendar.Today(clock);
        foreach (var p in Patients)
        {
            var cpr = CprNumber.Parse(p.Cpr);
            var patient = new Patient
            {
                Cpr = cpr.Value,
                GivenName = p.Given,
                FamilyName = p.Family,
                BirthDate = cpr.BirthDate,
                MunicipalityId = orgs[(OrganizationKind.Municipality, p.MunicipalityCode)].Id,
                Phone = $"20 {p.Cpr[..2]} {p.Cpr[2..4]} {p.Cpr[4..6]}",
                CreatedAt = now,
                UpdatedAt = now,
            };
            patient.Admissions.Add(new Admission
            {
                WardId = orgs[(OrganizationKind.HospitalWard, p.WardCode)].Id,
                Start = now.AddDays(-p.AdmittedDaysAgo).Date.AddHours(9),
                End = p.DischargedDaysAgo is { } d ? now.AddDays(-d).Date.AddHours(11) : null,
                PlannedDischargeDate = p.PlannedDischargeInDays is { } days ? today.AddDays(days) : null,
                LegalBasis = p.Basis,
                TargetGroupMarking = p.Marking,
                TargetGroupReason = p.Marking == TargetGroupMarking.None ? null : "Modtager bostøtte efter serviceloven.",
            });
            db.Patients.Add(patient);
        }

        await db.SaveChangesAsync(ct);
        await SeedDocumentsAsync(db, clock, ct);
        await SeedTeamsAndMeetingsAsync(db, clock, ct);
        await SeedFlagExamplesAsync(db, clock, ct);
    }

    /// <summary>
    /// What the meeting rules of the flags need to show a live example on the worklists: Henrik Poulsen (discharged 40
    /// days ago, Hjørring) gets a team but no meeting, and a meeting asked for at his discharge that was never held;
    /// Susanne Mikkelsen had a meeting on S3 five days ago that still has no minutes; Karen Mortensen's forløb in
    /// Psykiatriens Hus goes on although his consent to share ran out two weeks ago.
    /// </summary>
    private static async Task SeedFlagExamplesAsync(CaseHubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var users = await db.StaffUsers.Where(u => u.IsDemo).ToDictionaryAsync(u => u.Username, ct);
        var patients = await db.Patients.Include(p => p.Admissions).ToDictionaryAsync(p => p.Cpr, ct);
        var henrik = patients["1111881118"];
        var susanne = patients["2311780825"];
        var discharged = henrik.Admissions.Single().End!.Value;

        db.TeamMembers.Add(new Teams.TeamMember
        {
            PatientId = henrik.Id, Role = Teams.TeamRole.Staff, StaffUserId = users["sag.hjoerring"].Id,
            OrganizationId = users["sag.hjoerring"].OrganizationId, Name = users["sag.hjoerring"].Name, Function = "Socialrådgiver",
            AddedAt = discharged.AddDays(-3), AddedByName = users["kontakt.s4"].Name,
        });
        db.Meetings.Add(new Meetings.Meeting
        {
            PatientId = henrik.Id, Status = Meetings.MeetingStatus.Requested, RequestedBy = Meetings.MeetingRequester.Region,
            RequestedAtDischarge = true, RequestedAt = discharged, RequestedByName = users["kontakt.s4"].Name,
            DueDate = Meetings.MeetingService.DischargeMeetingDueDate(DateOnly.FromDateTime(DanishCalendar.ToDanishTime(discharged))),
        });
        db.Meetings.Add(new Meetings.Meeting
        {
            PatientId = susanne.Id, Status = Meetings.MeetingStatus.Held, RequestedBy = Meetings.MeetingRequester.Municipality,
            RequestedAt = now.AddDays(-9), RequestedByName = users["sag.hjoerring"].Name,
            HostOrganizationId = users["kontakt.s3"].OrganizationId, ChairName = users["kontakt.s3"].Name,
            Start = now.AddDays(-5).Date.AddHours(9), End = now.AddDays(-5).Date.AddHours(10), PlaceKind = Meetings.PlaceKind.Ward,
            Place = "Afsnit S3, samtalerum", PatientParticipation = Meetings.PatientParticipation.Participates, PatientAttended = true,
            HeldAt = now.AddDays(-5).Date.AddHours(10),
        });

        var karen = patients["2104761006"];
        var today = DanishCalendar.Today(clock);
        db.CrossSectorConsents.Add(new Consents.CrossSectorConsent
        {
            PatientId = karen.Id, GivenOn = today.AddDays(-380), ValidUntil = today.AddDays(-14),
            Scope = "Oplysninger om behandling og bostøtte mellem afsnit S3, Aalborg Kommune og Psykiatriens Hus.",
            RecordedByUserId = users["hus.aalborg"].Id, RecordedByName = users["hus.aalborg"].Name, RecordedAt = now.AddDays(-380),
        });
        db.HouseCourses.Add(new Consents.HouseCourse
        {
            PatientId = karen.Id, HouseId = users["hus.aalborg"].OrganizationId, RegionReferralConfirmedOn = today.AddDays(-378),
            MunicipalityReferralConfirmedOn = today.AddDays(-377), StartDate = today.AddDays(-375), StartedByName = users["hus.aalborg"].Name,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Udskrivningsaftaler and koordinationsplaner in each state, so Indbakke and the case pages show something:
    /// a draft (Freja Lund), a complete draft for Brønderslev (Ole Brandt), one sent and waiting for Aalborg (Jonas Nielsen), an accepted plan (Susanne Mikkelsen,
    /// Hjørring) and an active agreement (Peter Andersen, discharged). Mette Kristensen has none, for trying the journey.
    /// </summary>
    private static async Task SeedDocumentsAsync(CaseHubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DanishCalendar.Today(clock);
        var users = await db.StaffUsers.Include(u => u.Organization).ToDictionaryAsync(u => u.Username, ct);
        var admissions = await db.Admissions.Include(a => a.Patient).Include(a => a.Ward).ToDictionaryAsync(a => a.Patient!.Cpr, ct);

        void Event(CareDocument d, string username, string kind, DocumentStatus? to, int hoursAgo, string? note = null) =>
            db.DocumentEvents.Add(new DocumentEvent
            {
                DocumentId = d.Id, PatientId = d.PatientId, At = now.AddHours(-hoursAgo), Kind = kind, ToStatus = to,
                ActorUserId = users[username].Id, ActorName = users[username].Name, ActorOrganization = users[username].Organization!.Name, Note = note,
            });

        CareDocument Document(string cpr, DocumentKind kind, DocumentStatus status, string wardUser, bool complete, int createdHoursAgo = 72)
        {
            var admission = admissions[cpr];
            var d = new CareDocument
            {
                Kind = kind,
                Status = status,
                PatientId = admission.PatientId,
                AdmissionId = admission.Id,
                AuthoringWardId = admission.WardId,
                ReceivingMunicipalityId = admission.Patient!.MunicipalityId,
                LegalBasis = kind == DocumentKind.CoordinationPlan ? DocumentLegalBasis.Section13b
                    : admission.TargetGroupMarking == TargetGroupMarking.Section13aStk2 ? DocumentLegalBasis.Section13aStk2 : DocumentLegalBasis.Section13aStk1,
                DeclineReason = kind == DocumentKind.CoordinationPlan ? "Borgeren ønsker ikke at deltage i en udskrivningsaftale." : null,
                DischargeOn = admission.PlannedDischargeDate ?? (admission.End is { } end ? DateOnly.FromDateTime(DanishCalendar.ToDanishTime(end)) : null),
                OutpatientUnit = "Ambulatorium for psykoser, Aalborg Universitetshospital",
                WarningSigns = "Trækker sig fra familie og venner, sover dårligt, hører stemmer igen.",
                CrisisActions = "Borgeren ringer til kontaktpersonen; bostøtten kommer samme dag; ved forværring kontaktes akutmodtagelsen.",
                CrisisContacts = "Kontaktperson i ambulatoriet (dagtid), Psykiatrisk akutmodtagelse 97 64 00 00 (døgnet rundt).",
                CreatedAt = now.AddHours(-createdHoursAgo),
                UpdatedAt = now.AddHours(-2),
                UpdatedBy = users[wardUser].Name,
                Version = 1,
            };
            d.SeriesId = d.Id;
            if (complete)
            {
                d.Medication = "Depotinjektion hver 14. dag.";
                d.MedicationHandledBy = "Ambulatoriet";
                d.NonAttendance = "Udebliver borgeren, ringer ambulatoriet samme dag til borgeren og derefter til bostøtten.";
                d.Housing = "Egen lejlighed.";
                d.HousingSupport = "Bostøtte 2 gange om ugen.";
                d.DrawnUpOn = d.DischargeOn is { } on && on < today ? on.AddDays(-4) : today;
                d.ReviewOn = today.AddMonths(3);
                if (kind == DocumentKind.DischargeAgreement)
                {
                    d.ConsentGivenBy = "Borgeren selv";
                    d.ConsentDate = d.DrawnUpOn;
                    d.ConsentScope = "Kommunen (socialafdeling og jobcenter) og egen læge.";
                    d.ConsentRecordedBy = $"{users[wardUser].Name}, {users[wardUser].Organization!.Name}";
                }
            }

            d.Participants.Add(new DocumentParticipant { Role = ParticipantRole.WardContactPerson, Name = users[wardUser].Name, Organization = admission.Ward!.Name });
            d.Participants.Add(new DocumentParticipant { Role = ParticipantRole.Patient, Name = admission.Patient.FullName, Contact = admission.Patient.Phone });
            db.CareDocuments.Add(d);
            Event(d, wardUser, DocumentEvents.Created, DocumentStatus.Draft, createdHoursAgo);
            return d;
        }

        Document("0303104123", DocumentKind.DischargeAgreement, DocumentStatus.Draft, "kontakt.s3", complete: false);

        // Ready to send, to a municipality without CaseHub (see Ole Brandt above).
        Document("1710794563", DocumentKind.DischargeAgreement, DocumentStatus.Draft, "kontakt.s3", complete: true, createdHoursAgo: 30);

        // Sent 12 days ago and still unanswered: a live example of the "unanswered" flag for Aalborg.
        var sent = Document("0507921417", DocumentKind.DischargeAgreement, DocumentStatus.Sent, "kontakt.s3", complete: true, createdHoursAgo: 14 * 24);
        sent.Participants.Add(new DocumentParticipant { Role = ParticipantRole.Caseworker, Name = users["sag.aalborg"].Name, Organization = "Aalborg Kommune" });
        Event(sent, "kontakt.s3", DocumentEvents.Sent, DocumentStatus.Sent, 12 * 24);

        var accepted = Document("2311780825", DocumentKind.CoordinationPlan, DocumentStatus.Accepted, "kontakt.s3", complete: true);
        accepted.MunicipalityComment = "Kommunen sørger for bostøtte fra udskrivningsdagen.";
        accepted.Actions.Add(new AgreedAction
        {
            What = "Bostøtte starter", OwnerSector = Sector.Municipality, ResponsibleOrganization = "Hjørring Kommune",
            ResponsiblePerson = users["sag.hjoerring"].Name, DueOn = today.AddDays(7), Status = ActionStatus.Planned,
        });
        Event(accepted, "kontakt.s3", DocumentEvents.Sent, DocumentStatus.Sent, 48);
        Event(accepted, "sag.hjoerring", DocumentEvents.Accepted, DocumentStatus.Accepted, 24);

        var active = Document("2808691122", DocumentKind.DischargeAgreement, DocumentStatus.Active, "kontakt.s4", complete: true, createdHoursAgo: 14 * 24);
        active.Actions.Add(new AgreedAction
        {
            What = "Første samtale i ambulatoriet", OwnerSector = Sector.Region, ResponsibleOrganization = "Ambulatorium for psykoser",
            DueOn = today.AddDays(3), Status = ActionStatus.Planned,
        });
        Event(active, "kontakt.s4", DocumentEvents.Sent, DocumentStatus.Sent, 13 * 24);
        Event(active, "sag.aalborg", DocumentEvents.Accepted, DocumentStatus.Accepted, 12 * 24);
        Event(active, "kontakt.s4", DocumentEvents.Activated, DocumentStatus.Active, 10 * 24, "Borgeren er udskrevet.");

        // Its review date has passed: a live example of the "review due" flag.
        active.ReviewOn = today.AddDays(-2);

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Patientens Team, a forløb in Psykiatriens Hus with consent, a held netværksmøde with approved minutes and
    /// tasks (one overdue) and a requested meeting for Peter Andersen (Aalborg, recently discharged from S4), and a
    /// meeting requested at discharge for Mette Kristensen, so a coordinator can walk the whole cycle.
    /// </summary>
    private static async Task SeedTeamsAndMeetingsAsync(CaseHubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DanishCalendar.Today(clock);
        var users = await db.StaffUsers.Where(u => u.IsDemo).ToDictionaryAsync(u => u.Username, ct);
        var patients = await db.Patients.ToDictionaryAsync(p => p.Cpr, ct);
        var peter = patients["2808691122"];
        var mette = patients["1203851236"];

        Teams.TeamMember Staff(Patient patient, string username, string function) => new()
        {
            PatientId = patient.Id,
            Role = Teams.TeamRole.Staff,
            StaffUserId = users[username].Id,
            OrganizationId = users[username].OrganizationId,
            Name = users[username].Name,
            Function = function,
            Email = users[username].Email,
            AddedAt = now.AddDays(-14),
            AddedByName = users["hus.aalborg"].Name,
        };

        var ward = Staff(peter, "kontakt.s4", "Kontaktperson, afsnit S4");
        var caseworker = Staff(peter, "sag.aalborg", "Socialrådgiver");
        var house = Staff(peter, "hus.aalborg", "Koordinator");
        var self = new Teams.TeamMember
        {
            PatientId = peter.Id, Role = Teams.TeamRole.Patient, Name = peter.FullName, Phone = peter.Phone,
            AddedAt = now.AddDays(-14), AddedByName = house.Name,
        };
        var relative = new Teams.TeamMember
        {
            PatientId = peter.Id, Role = Teams.TeamRole.Relative, Name = "Grethe Andersen", Function = "Mor", Phone = "21 43 65 87",
            AddedAt = now.AddDays(-14), AddedByName = house.Name,
        };
        db.TeamMembers.AddRange(ward, caseworker, house, self, relative);
        db.Stafetholders.AddRange(
            new Teams.Stafetholder { PatientId = peter.Id, Sector = Sector.Region, ActiveSector = Sector.Region, TeamMemberId = ward.Id, From = now.AddDays(-10), AssignedByName = house.Name },
            new Teams.Stafetholder { PatientId = peter.Id, Sector = Sector.Municipality, ActiveSector = Sector.Municipality, TeamMemberId = caseworker.Id, From = now.AddDays(-10), AssignedByName = house.Name });
        db.CrossSectorConsents.Add(new Consents.CrossSectorConsent
        {
            PatientId = peter.Id, GivenOn = today.AddDays(-14), Scope = "Oplysninger om behandling, bostøtte og beskæftigelse mellem afsnit S4, Aalborg Kommune og Psykiatriens Hus.",
            RecordedByUserId = users["hus.aalborg"].Id, RecordedByName = house.Name, RecordedAt = now.AddDays(-14),
        });
        db.HouseCourses.Add(new Consents.HouseCourse
        {
            PatientId = peter.Id, HouseId = users["hus.aalborg"].OrganizationId, RegionReferralConfirmedOn = today.AddDays(-12),
            MunicipalityReferralConfirmedOn = today.AddDays(-11), StartDate = today.AddDays(-10), StartedByName = house.Name,
        });

        var heldStart = DanishCalendar.ToUtc(today.AddDays(-7).ToDateTime(new TimeOnly(10, 0)));
        var held = new Meetings.Meeting
        {
            PatientId = peter.Id, Status = Meetings.MeetingStatus.Held, RequestedBy = Meetings.MeetingRequester.Municipality,
            RequestedAt = now.AddDays(-12), RequestedByName = caseworker.Name, RequestReason = "Opstart af forløb i Psykiatriens Hus",
            HostOrganizationId = users["sag.aalborg"].OrganizationId, ChairName = caseworker.Name, Start = heldStart, End = heldStart.AddHours(1),
            PlaceKind = Meetings.PlaceKind.HouseRoom, Place = "Mødelokale 2, Psykiatriens Hus", PatientParticipation = Meetings.PatientParticipation.Participates,
            PatientAttended = true, HeldAt = heldStart.AddHours(1),
        };
        held.Participants.AddRange(new[] { ward, caseworker, house, relative }.Select(m => new Meetings.MeetingParticipant { MeetingId = held.Id, TeamMemberId = m.Id, Attended = m != relative }));
        held.Minutes.Add(new Meetings.MinutesVersion
        {
            MeetingId = held.Id, Number = 1, State = Meetings.MinutesState.Approved,
            StatusSinceLast = "Peter er udskrevet og bor i egen lejlighed. Søvnen er bedre.",
            PatientGoals = "Komme i gang med at spille fodbold igen og finde et fritidsjob.",
            Treatment = "Fortsat medicin og samtaler i Ambulatorium for Psykoser.",
            SocialSupport = "Bostøtte to gange om ugen.",
            CrisisPlan = "Ved dårlig søvn i flere nætter kontakter Peter sin bostøttemedarbejder; uden for åbningstid psykiatrisk akutmodtagelse.",
            AgreedActions = "Se opgaverne nedenfor.",
            NextMeeting = "Om ca. 4 uger.",
            EditedByName = caseworker.Name, EditedAt = heldStart.AddHours(2), ApprovedByName = caseworker.Name, ApprovedAt = heldStart.AddHours(3),
        });
        db.Meetings.Add(held);
        db.FollowUpTasks.AddRange(
            new FollowUps.FollowUpTask
            {
                PatientId = peter.Id, MeetingId = held.Id, Description = "Send epikrise og medicinliste til egen læge.",
                OwnerOrganizationId = users["kontakt.s4"].OrganizationId, OwnerUserId = users["kontakt.s4"].Id, DueDate = today.AddDays(-2),
                CreatedAt = heldStart.AddHours(2), CreatedByName = caseworker.Name,
            },
            new FollowUps.FollowUpTask
            {
                PatientId = peter.Id, MeetingId = held.Id, Description = "Afklare mulighed for IPS-forløb på jobcentret.",
                OwnerOrganizationId = users["sag.aalborg"].OrganizationId, OwnerUserId = users["sag.aalborg"].Id, DueDate = today.AddDays(7),
                CreatedAt = heldStart.AddHours(2), CreatedByName = caseworker.Name,
            });
        db.Meetings.Add(new Meetings.Meeting
        {
            PatientId = peter.Id, Status = Meetings.MeetingStatus.Requested, RequestedBy = Meetings.MeetingRequester.Patient,
            RequestedAt = now.AddDays(-1), RequestedByName = house.Name, RequestReason = "Opfølgning på netværksmøde", PreviousMeetingId = held.Id,
        });

        // Mette is about to be discharged; the ward has asked for a meeting, to be held within 5 working days.
        db.TeamMembers.AddRange(Staff(mette, "kontakt.s4", "Kontaktperson, afsnit S4"), Staff(mette, "sag.aalborg", "Socialrådgiver"));
        db.Meetings.Add(new Meetings.Meeting
        {
            PatientId = mette.Id, Status = Meetings.MeetingStatus.Requested, RequestedBy = Meetings.MeetingRequester.Region, RequestedAtDischarge = true,
            RequestedAt = now, RequestedByName = users["kontakt.s4"].Name, DueDate = Meetings.MeetingService.DischargeMeetingDueDate(today),
        });
        await db.SaveChangesAsync(ct);
    }
}
