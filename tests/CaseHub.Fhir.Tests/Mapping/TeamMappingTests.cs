// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Reflection;
using CaseHub.Core.Consents;
using CaseHub.Core.Flags;
using CaseHub.Core.FollowUps;
using CaseHub.Core.Indicators;
using CaseHub.Core.Meetings;
using CaseHub.Core.Teams;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Consents;
using CaseHub.Fhir.Flags;
using CaseHub.Fhir.FollowUps;
using CaseHub.Fhir.Indicators;
using CaseHub.Fhir.Meetings;
using CaseHub.Fhir.Teams;
using Hl7.Fhir.Model;
using DomainPatient = CaseHub.Core.Patients.Patient;

namespace CaseHub.Fhir.Tests.Mapping;

/// <summary>
/// The team, meeting, task, consent, flag and indicator mappings in each state conform to their profiles after a trip
/// over the wire, and the code systems hold every code the domain uses.
/// </summary>
public class TeamMappingTests
{
    private static readonly Guid PatientId = Guid.NewGuid();

    private static T OverTheWire<T>(T resource, string profile)
        where T : Resource
    {
        var parsed = Samples.Parse<T>(Samples.Serialization.Serialize(resource));
        var issues = Samples.Validator.Validate(parsed, profile);
        Assert.True(issues.Count == 0, string.Join("; ", issues.Select(i => $"{i.Path}: {i.Message}")));
        return parsed;
    }

    private static IEnumerable<string> Codes(string system) => Samples.Contract.CodeSystems[system].Concept.Select(c => c.Code!);

    [Fact]
    public void The_code_systems_hold_every_flag_rule_team_role_and_minutes_section()
    {
        var rules = typeof(FlagRuleIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
        Assert.Equal(rules.Order(), Codes(CaseHubUrls.FlagRuleSystem).Order());
        Assert.Equal(Enum.GetValues<TeamRole>().Select(CareTeamMapper.Code).Append(CareTeamMapper.StafetholderCode).Order(), Codes(CaseHubUrls.TeamRoleSystem).Order());
        Assert.Equal(AgendaTemplate.Sections.Select(s => CommunicationMapper.SectionCode(s.Key)), Codes(CaseHubUrls.MinutesSectionSystem));
    }

    [Fact]
    public void A_team_with_a_removed_member_and_stafetholders_conforms()
    {
        var patient = new DomainPatient { Id = PatientId, Cpr = "1203851236", GivenName = "Mette", FamilyName = "Kristensen" };
        var ward = new TeamMember { PatientId = PatientId, Role = TeamRole.Staff, StaffUserId = Guid.NewGuid(), OrganizationId = Guid.NewGuid(), Name = "Camilla Berg", AddedAt = DateTime.UtcNow.AddDays(-3), AddedByName = "x" };
        var gone = new TeamMember { PatientId = PatientId, Role = TeamRole.Bisidder, Name = "Ole", AddedAt = DateTime.UtcNow.AddDays(-9), RemovedAt = DateTime.UtcNow.AddDays(-1), AddedByName = "x" };
        var stafetholder = new Stafetholder { PatientId = PatientId, Sector = Core.Organizations.Sector.Region, TeamMemberId = ward.Id, From = DateTime.UtcNow, AssignedByName = "x" };
        var team = OverTheWire(CareTeamMapper.ToFhir(patient, [ward, gone], [stafetholder]), CaseHubUrls.PatientTeamProfile);
        Assert.Equal(["bisidder", "staff"], team.Participant.Select(p => p.Role[0].Coding[0].Code));
        Assert.NotNull(team.Participant[0].Period.End);
        Assert.Equal("stafetholder", team.Participant[1].Role[1].Coding[0].Code);
        Assert.Equal(stafetholder.From, CareTeamMapper.ChangedAt([ward, gone], [stafetholder]));
    }

    [Theory]
    [InlineData(MeetingStatus.Requested, "proposed")]
    [InlineData(MeetingStatus.Planned, "booked")]
    [InlineData(MeetingStatus.Held, "fulfilled")]
    public void A_meeting_in_each_status_conforms(MeetingStatus status, string expected)
    {
        var meeting = new Meeting { PatientId = PatientId, Status = status, RequestedAt = DateTime.UtcNow, RequestedByName = "x", DueDate = new DateOnly(2026, 3, 9) };
        if (status != MeetingStatus.Requested)
        {
            meeting.Start = new DateTime(2026, 3, 5, 9, 0, 0, DateTimeKind.Utc);
            meeting.End = meeting.Start.Value.AddHours(1);
            meeting.HostOrganizationId = Guid.NewGuid();
            meeting.PlaceKind = PlaceKind.Video;
            meeting.PatientParticipation = PatientParticipation.Declined;
        }

        var appointment = OverTheWire(AppointmentMapper.ToFhir(meeting), CaseHubUrls.NetworkMeetingProfile);
        Assert.Equal(expected, Hl7.Fhir.Utility.EnumUtility.GetLiteral(appointment.Status));
        Assert.Equal([status], AppointmentMapper.StatusesFor(expected));
        Assert.Equal("2026-03-09", appointment.RequestedPeriod.Single().End);
    }

    [Fact]
    public void Approved_minutes_conform_with_one_payload_per_filled_section()
    {
        var meeting = new Meeting { PatientId = PatientId, Status = MeetingStatus.Held, RequestedAt = DateTime.UtcNow, RequestedByName = "x", HostOrganizationId = Guid.NewGuid() };
        var minutes = new MinutesVersion { MeetingId = meeting.Id, State = MinutesState.Approved, Treatment = "Medicin.", CrisisPlan = "Ring.", EditedByName = "x", ApprovedAt = DateTime.UtcNow };
        var communication = OverTheWire(CommunicationMapper.ToFhir(meeting, minutes), CaseHubUrls.MeetingMinutesProfile);
        Assert.Equal(["treatment", "crisisPlan"], communication.Payload.Select(p => ((Coding)p.GetExtension(CaseHubUrls.MinutesSectionExtension).Value).Code));
    }

    [Fact]
    public void Open_and_completed_tasks_conform()
    {
        var task = new FollowUpTask { PatientId = PatientId, MeetingId = Guid.NewGuid(), Description = "Ring.", OwnerOrganizationId = Guid.NewGuid(), DueDate = new DateOnly(2026, 3, 20), CreatedByName = "x", CreatedAt = DateTime.UtcNow };
        var open = OverTheWire(TaskMapper.ToFhir(task), CaseHubUrls.FollowUpProfile);
        Assert.Equal(($"Organization/{task.OwnerOrganizationId}", "2026-03-20"), (open.Owner.Reference, open.Restriction.Period.End));
        task.OwnerUserId = Guid.NewGuid();
        task.CompletedAt = DateTime.UtcNow;
        var done = OverTheWire(TaskMapper.ToFhir(task), CaseHubUrls.FollowUpProfile);
        Assert.Equal((Hl7.Fhir.Model.Task.TaskStatus.Completed, $"PractitionerRole/{task.OwnerUserId}"), (done.Status, done.Owner.Reference));
    }

    [Fact]
    public void A_withdrawn_consent_is_inactive_and_ends_the_day_before()
    {
        var consent = new CrossSectorConsent { PatientId = PatientId, GivenOn = new DateOnly(2026, 1, 1), Scope = "Alt.", RecordedByName = "x", WithdrawnOn = new DateOnly(2026, 2, 1) };
        var resource = OverTheWire(ConsentMapper.ToFhir(consent, new DateOnly(2026, 3, 2)), CaseHubUrls.CrossSectorConsentProfile);
        Assert.Equal((Consent.ConsentState.Inactive, "2026-01-31"), (resource.Status, resource.Provision.Period.End));
        Assert.Equal(Consent.ConsentState.Active, ConsentMapper.Status(consent, new DateOnly(2026, 1, 15)));
    }

    [Fact]
    public void Open_and_resolved_flags_conform()
    {
        var flag = new CaseHub.Core.Flags.Flag { PatientId = PatientId, Rule = FlagRuleIds.Unanswered, SubjectKind = "document", Summary = "Ubesvaret.", OwnerOrganizationId = Guid.NewGuid(), RaisedAt = DateTime.UtcNow };
        Assert.Equal(Hl7.Fhir.Model.Flag.FlagStatus.Active, OverTheWire(FlagMapper.ToFhir(flag, "Ubesvaret af kommunen"), CaseHubUrls.FlagProfile).Status);
        flag.ResolvedAt = DateTime.UtcNow;
        Assert.Equal(Hl7.Fhir.Model.Flag.FlagStatus.Inactive, OverTheWire(FlagMapper.ToFhir(flag, "Ubesvaret af kommunen"), CaseHubUrls.FlagProfile).Status);
    }

    [Fact]
    public void Every_indicator_is_a_conforming_measure_and_a_result_without_value_conforms()
    {
        foreach (var indicator in IndicatorCatalog.All.Concat(IndicatorCatalog.Operational))
        {
            OverTheWire(MeasureMapper.ToMeasure(indicator), CaseHubUrls.IndicatorProfile);
        }

        var result = new IndicatorResult
        {
            Id = 7, IndicatorId = "belt-restraint-hours-median", Period = "2024H1", AreaType = AreaType.Municipality, AreaCode = "0851", AreaName = "Aalborg",
            AgeGroup = AgeGroup.Children, Numerator = 2, Suppressed = true, ComputedAt = DateTime.UtcNow,
        };
        var report = OverTheWire(MeasureMapper.ToReport(result), CaseHubUrls.IndicatorReportProfile);
        Assert.Null(report.Group.Single().MeasureScore);
        Assert.Equal(("2024-01-01", "2024-06-30"), (report.Period.Start, report.Period.End));
        Assert.Equal(CaseHubUrls.MunicipalityCodes, ((Coding)report.GetExtension(CaseHubUrls.IndicatorAreaExtension).Value).System);
    }
}
