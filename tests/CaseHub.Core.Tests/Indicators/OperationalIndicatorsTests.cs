using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using CaseHub.Core.FollowUps;
using CaseHub.Core.Indicators;
using CaseHub.Core.Meetings;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Indicators;

/// <summary>
/// A hand-built 2025 (and early 2026) of CaseHub data whose operational figures are worked out by hand below; the
/// clock stands at 2026-03-02 as in every test database. Residents of Aalborg (0851, Region Nordjylland 1081) and one
/// of Hjørring (0860); population imported for 2025 only.
/// </summary>
public sealed class OperationalDataset : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    private static DateTime Utc(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = Database.NewContext();
        await IndicatorDataset.ImportAsync(db, ImportKind.Population,
            "year;quarter;municipality_code;age;count\n2025;2;0851;40;200000\n2025;2;0851;10;50000\n2025;2;0860;40;40000\n");
        var orgs = await db.Organizations.ToListAsync();
        var aalborg = orgs.Single(o => o.Kind == OrganizationKind.Municipality && o.Code == "0851");
        var hjoerring = orgs.Single(o => o.Kind == OrganizationKind.Municipality && o.Code == "0860");
        var ward = orgs.Single(o => o.Code == ReferenceData.Codes.WardAalborgS4);

        var n = 0;
        Patient NewPatient(Organization home, int birthYear)
        {
            n++;
            var p = new Patient { Cpr = $"01018{n}1234", GivenName = $"P{n}", FamilyName = "Test", BirthDate = new DateOnly(birthYear, 1, 1), MunicipalityId = home.Id };
            db.Patients.Add(p);
            return p;
        }

        Admission Admit(Patient p, DateTime start, DateTime? end, LegalBasis basis = LegalBasis.CompulsoryAdmission)
        {
            var a = new Admission { PatientId = p.Id, WardId = ward.Id, Start = start, End = end, LegalBasis = basis };
            db.Admissions.Add(a);
            return a;
        }

        void Document(Admission a, Patient p, Organization receiver, DocumentKind kind, DocumentStatus status, params (DocumentStatus To, DateTime At)[] events)
        {
            var d = new CareDocument
            {
                Kind = kind, Status = status, PatientId = p.Id, AdmissionId = a.Id, AuthoringWardId = ward.Id, ReceivingMunicipalityId = receiver.Id,
                CreatedAt = Utc(2025, 1, 1), UpdatedAt = Utc(2025, 1, 1),
            };
            d.SeriesId = d.Id;
            db.CareDocuments.Add(d);
            foreach (var (to, at) in events)
            {
                db.DocumentEvents.Add(new DocumentEvent { DocumentId = d.Id, PatientId = p.Id, At = at, Kind = "status", ToStatus = to, ActorName = "Test" });
            }
        }

        void Meet(Patient p, bool atDischarge, DateOnly due, DateTime? held) => db.Meetings.Add(new Meeting
        {
            PatientId = p.Id, RequestedAtDischarge = atDischarge, DueDate = due, HeldAt = held, RequestedAt = Utc(2025, 1, 1), RequestedByName = "Test",
            Status = held is null ? MeetingStatus.Requested : MeetingStatus.Held,
        });

        var a1 = NewPatient(aalborg, 1980);
        var a2 = NewPatient(aalborg, 1980);
        var a3 = NewPatient(aalborg, 1980);
        var a4 = NewPatient(aalborg, 1980);
        var child = NewPatient(aalborg, 2012);
        var h1 = NewPatient(hjoerring, 1980);
        var a6 = NewPatient(aalborg, 1980);

        // Six target-group discharges in 2025; readmissions are voluntary so they add no discharges of their own.
        var adm1 = Admit(a1, Utc(2025, 1, 10), Utc(2025, 2, 14));
        Admit(a1, Utc(2025, 3, 1), null, LegalBasis.Voluntary); // 15 days later: readmitted
        var adm2 = Admit(a2, Utc(2025, 2, 1), Utc(2025, 3, 10));
        var adm3 = Admit(a3, Utc(2025, 3, 1), Utc(2025, 4, 10));
        Admit(a3, Utc(2025, 5, 20), Utc(2025, 5, 25), LegalBasis.Voluntary); // 40 days later: not a readmission
        var adm4 = Admit(a4, Utc(2025, 4, 1), Utc(2025, 5, 5));
        Admit(a4, Utc(2025, 5, 20), Utc(2025, 5, 25), LegalBasis.Voluntary); // 15 days later: readmitted
        Admit(child, Utc(2025, 7, 1), Utc(2025, 8, 1));
        var adm6 = Admit(h1, Utc(2025, 8, 1), Utc(2025, 9, 1));
        var adm7 = Admit(a6, Utc(2026, 1, 5), null);

        // Sent Friday 7 February, accepted Tuesday 11 February: 2 working days across the weekend.
        Document(adm1, a1, aalborg, DocumentKind.DischargeAgreement, DocumentStatus.Active,
            (DocumentStatus.Sent, Utc(2025, 2, 7, 12)), (DocumentStatus.Accepted, Utc(2025, 2, 11, 12)), (DocumentStatus.Active, Utc(2025, 2, 14, 9)));
        // Accepted before discharge, activated the day after: still a plan by the discharge date. 1 working day.
        Document(adm2, a2, aalborg, DocumentKind.CoordinationPlan, DocumentStatus.Active,
            (DocumentStatus.Sent, Utc(2025, 3, 3, 8)), (DocumentStatus.Accepted, Utc(2025, 3, 4, 8)), (DocumentStatus.Active, Utc(2025, 3, 11)));
        // Entered in error: counts nowhere.
        Document(adm3, a3, aalborg, DocumentKind.DischargeAgreement, DocumentStatus.EnteredInError,
            (DocumentStatus.Sent, Utc(2025, 3, 20)), (DocumentStatus.Accepted, Utc(2025, 3, 21)), (DocumentStatus.Active, Utc(2025, 4, 1)));
        // Accepted the day after discharge: no plan by the discharge date. Wed 30 April to Tue 6 May: 4 working days.
        Document(adm4, a4, aalborg, DocumentKind.DischargeAgreement, DocumentStatus.Accepted,
            (DocumentStatus.Sent, Utc(2025, 4, 30)), (DocumentStatus.Accepted, Utc(2025, 5, 6)));
        // Hjørring: Wed 20 to Wed 27 August, 5 working days.
        Document(adm6, h1, hjoerring, DocumentKind.DischargeAgreement, DocumentStatus.Active,
            (DocumentStatus.Sent, Utc(2025, 8, 20)), (DocumentStatus.Accepted, Utc(2025, 8, 27)), (DocumentStatus.Active, Utc(2025, 8, 28)));
        // Activated in 2026, a year without population: a count with no rate.
        Document(adm7, a6, aalborg, DocumentKind.CoordinationPlan, DocumentStatus.Active,
            (DocumentStatus.Sent, Utc(2026, 1, 12)), (DocumentStatus.Accepted, Utc(2026, 1, 13)), (DocumentStatus.Active, Utc(2026, 1, 20)));

        Meet(a1, true, new DateOnly(2025, 2, 21), Utc(2025, 2, 20)); // in time
        Meet(a2, true, new DateOnly(2025, 3, 17), Utc(2025, 3, 19)); // late
        Meet(a3, true, new DateOnly(2025, 4, 17), null); // never held, due date passed
        Meet(a4, true, new DateOnly(2026, 3, 10), null); // not due yet: left out
        Meet(a4, false, new DateOnly(2025, 5, 1), Utc(2025, 5, 1)); // not requested at discharge: left out

        db.Flags.AddRange(
            new Flag { PatientId = a1.Id, Rule = "r", SubjectKind = "s", SubjectId = Guid.NewGuid(), Summary = "F1", OwnerOrganizationId = aalborg.Id, RaisedAt = Utc(2025, 2, 1), ResolvedAt = Utc(2025, 8, 1) },
            new Flag { PatientId = a2.Id, Rule = "r", SubjectKind = "s", SubjectId = Guid.NewGuid(), Summary = "F2", OwnerOrganizationId = ward.Id, RaisedAt = Utc(2025, 3, 1) },
            new Flag { PatientId = a3.Id, Rule = "r", SubjectKind = "s", SubjectId = Guid.NewGuid(), Summary = "F3", OwnerOrganizationId = aalborg.Id, RaisedAt = Utc(2026, 1, 15) });
        db.FollowUpTasks.AddRange(
            new FollowUpTask { PatientId = a1.Id, Description = "T1", CreatedByName = "Test", OwnerOrganizationId = aalborg.Id, CreatedAt = Utc(2025, 4, 1), DueDate = new DateOnly(2025, 5, 1), CompletedAt = Utc(2025, 5, 10) },
            new FollowUpTask { PatientId = a2.Id, Description = "T2", CreatedByName = "Test", OwnerOrganizationId = aalborg.Id, CreatedAt = Utc(2025, 10, 1), DueDate = new DateOnly(2025, 11, 1) });
        await db.SaveChangesAsync();
        await new ComputeIndicators(db, Database.Clock).RunAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>The operational figures of <see cref="OperationalDataset"/>, worked out by hand.</summary>
public sealed class OperationalIndicatorsTests(OperationalDataset dataset) : IClassFixture<OperationalDataset>
{
    private async Task<IndicatorResult> CellAsync(string indicator, string period, AreaType type = AreaType.Nation, string code = "DK", AgeGroup age = AgeGroup.All)
    {
        await using var db = dataset.Database.NewContext();
        return await db.IndicatorResults.SingleAsync(r => r.IndicatorId == indicator && r.Period == period && r.AreaType == type && r.AreaCode == code && r.AgeGroup == age);
    }

    [Fact]
    public async Task Activated_documents_per_100000_by_residence_and_a_count_without_rate_when_no_population()
    {
        var nation = await CellAsync(OperationalIds.DischargeAgreements, "2025");
        Assert.Equal((2L, 290_000L), (nation.Numerator, nation.Denominator!.Value));
        Assert.Equal(2 * 100_000.0 / 290_000, nation.Value!.Value, 6);

        var aalborg = await CellAsync(OperationalIds.DischargeAgreements, "2025", AreaType.Municipality, "0851");
        Assert.Equal(1, aalborg.Numerator); // the entered-in-error agreement is not counted
        Assert.Equal(0.4, aalborg.Value!.Value, 6);
        Assert.Equal("Aalborg Kommune", aalborg.AreaName);
        Assert.Equal(2, (await CellAsync(OperationalIds.DischargeAgreements, "2025", AreaType.Region, "1081")).Numerator);
        Assert.Equal(1, (await CellAsync(OperationalIds.DischargeAgreements, "2025H2", AreaType.Municipality, "0860")).Numerator);

        var plans2026 = await CellAsync(OperationalIds.CoordinationPlans, "2026");
        Assert.Equal(1, plans2026.Numerator);
        Assert.Null(plans2026.Denominator);
        Assert.Null(plans2026.Value);
    }

    [Fact]
    public async Task Plan_before_discharge_counts_acceptances_on_or_before_the_discharge_date()
    {
        var nation = await CellAsync(OperationalIds.PlanBeforeDischarge, "2025");
        Assert.Equal((3L, 6L), (nation.Numerator, nation.Denominator!.Value));
        Assert.Equal(50.0, nation.Value!.Value, 6);

        var aalborg = await CellAsync(OperationalIds.PlanBeforeDischarge, "2025", AreaType.Municipality, "0851");
        Assert.Equal((2L, 5L), (aalborg.Numerator, aalborg.Denominator!.Value));

        var children = await CellAsync(OperationalIds.PlanBeforeDischarge, "2025", age: AgeGroup.Children);
        Assert.Equal((0L, 1L), (children.Numerator, children.Denominator!.Value));
        Assert.Equal(0.0, children.Value!.Value);
    }

    [Fact]
    public async Task Response_median_in_working_days_across_a_weekend_by_receiving_municipality()
    {
        // Aalborg: 2 (Fri -> Tue), 1, 4 -> median 2; the nation adds Hjørring's 5 -> median of 1, 2, 4, 5 = 3.
        var aalborg = await CellAsync(OperationalIds.MunicipalResponse, "2025", AreaType.Municipality, "0851");
        Assert.Equal(3, aalborg.Numerator);
        Assert.Equal(2.0, aalborg.Value);
        Assert.Equal(3.0, (await CellAsync(OperationalIds.MunicipalResponse, "2025")).Value);
        Assert.Equal(5.0, (await CellAsync(OperationalIds.MunicipalResponse, "2025", AreaType.Municipality, "0860")).Value);
        Assert.Equal(2, DanishCalendar.WorkingDaysBetween(new DateOnly(2025, 2, 7), new DateOnly(2025, 2, 11)));
    }

    [Fact]
    public async Task Network_meetings_held_by_their_due_date_out_of_those_due()
    {
        var nation = await CellAsync(OperationalIds.NetworkMeetingInTime, "2025");
        Assert.Equal((1L, 3L), (nation.Numerator, nation.Denominator!.Value));
        Assert.Equal(100.0 / 3, nation.Value!.Value, 6);
    }

    [Fact]
    public async Task Readmission_within_30_days_split_by_plan()
    {
        var all = await CellAsync(OperationalIds.Readmission, "2025");
        Assert.Equal((2L, 6L), (all.Numerator, all.Denominator!.Value));
        var with = await CellAsync(OperationalIds.ReadmissionWithPlan, "2025");
        Assert.Equal((1L, 3L), (with.Numerator, with.Denominator!.Value));
        var without = await CellAsync(OperationalIds.ReadmissionWithoutPlan, "2025");
        Assert.Equal((1L, 3L), (without.Numerator, without.Denominator!.Value));
    }

    [Fact]
    public async Task Open_flags_and_overdue_tasks_are_snapshots_at_the_end_of_each_period_by_owner()
    {
        Assert.Equal(2, (await CellAsync(OperationalIds.OpenFlags, "2025H1")).Numerator);
        Assert.Equal(1, (await CellAsync(OperationalIds.OpenFlags, "2025H1", AreaType.Municipality, "0851")).Numerator);
        Assert.Equal(2, (await CellAsync(OperationalIds.OpenFlags, "2025H1", AreaType.Region, "1081")).Numerator); // the ward's region and Aalborg's
        Assert.Equal(1, (await CellAsync(OperationalIds.OpenFlags, "2025")).Numerator);
        Assert.Equal(0, (await CellAsync(OperationalIds.OpenFlags, "2025", AreaType.Municipality, "0851")).Numerator);
        Assert.Equal(2, (await CellAsync(OperationalIds.OpenFlags, "2026")).Numerator);

        Assert.Equal(0, (await CellAsync(OperationalIds.OverdueFollowUps, "2025H1", AreaType.Municipality, "0851")).Numerator);
        Assert.Equal(1, (await CellAsync(OperationalIds.OverdueFollowUps, "2025", AreaType.Municipality, "0851")).Numerator);
        Assert.Equal(1, (await CellAsync(OperationalIds.OverdueFollowUps, "2026")).Numerator);
    }

    [Fact]
    public async Task Published_export_suppresses_counts_of_1_to_4_and_the_shares_built_on_them()
    {
        await using var db = dataset.Database.NewContext();
        var writer = new StringWriter();
        await new IndicatorExport(db).WriteAsync(writer, published: true);
        var lines = writer.ToString().Split('\n', StringSplitOptions.TrimEntries);

        // 3 of 6: numerator 1-4 -> -1, the denominator rounded to 5, the share -1.
        Assert.Contains("plan-before-discharge-share;2025;nation;DK;Hele landet;all;-1;5;-1;;-1;true", lines);
        Assert.Contains("municipal-response-median-working-days;2025;municipality;0851;Aalborg Kommune;all;-1;;-1;;-1;true", lines);

        var exact = new StringWriter();
        await new IndicatorExport(db).WriteAsync(exact, published: false);
        Assert.Contains("plan-before-discharge-share;2025;nation;DK;Hele landet;all;3;6;50;;;true", exact.ToString().Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Recomputing_unchanged_data_writes_nothing()
    {
        await using var db = dataset.Database.NewContext();
        var again = await new ComputeIndicators(db, dataset.Database.Clock).RunAsync();
        Assert.Equal((0, 0, 0), (again.Inserted, again.Updated, again.Deleted));
        Assert.True(again.Cells > 0);
    }
}
