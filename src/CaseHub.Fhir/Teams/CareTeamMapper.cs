using Patient = CaseHub.Core.Patients.Patient;
using CaseHub.Core.Teams;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Teams;

/// <summary>
/// Patientens Team -> casehub-patient-team (CareTeam). A patient has one team, so the CareTeam carries the patient's
/// id; every member ever added is a participant (a removed one with period.end), and the active stafetholders carry
/// the extra role code <c>stafetholder</c>.
/// </summary>
public static class CareTeamMapper
{
    private static readonly (TeamRole Value, string Code)[] Roles =
    [
        (TeamRole.Staff, "staff"),
        (TeamRole.Patient, "patient"),
        (TeamRole.Relative, "relative"),
        (TeamRole.Bisidder, "bisidder"),
        (TeamRole.GeneralPractitioner, "general-practitioner"),
        (TeamRole.Other, "other"),
    ];

    public const string StafetholderCode = "stafetholder";

    public static string Code(TeamRole role) => Roles.First(r => r.Value == role).Code;

    /// <summary>Maps the team; members need <see cref="TeamMember.Organization"/> loaded for the displays.</summary>
    public static CareTeam ToFhir(Patient patient, IReadOnlyList<TeamMember> members, IReadOnlyList<Stafetholder> activeStafetholders)
    {
        var resource = new CareTeam
        {
            Id = patient.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.PatientTeamProfile] },
            Status = members.Any(m => m.IsActive) ? CareTeam.CareTeamStatus.Active : CareTeam.CareTeamStatus.Inactive,
            Name = "Patientens Team",
            Subject = new ResourceReference($"Patient/{patient.Id}", patient.FullName),
        };
        foreach (var member in members.OrderBy(m => m.AddedAt).ThenBy(m => m.Id))
        {
            var role = new CodeableConcept(CaseHubUrls.TeamRoleSystem, Code(member.Role), member.Role.Danish(), member.Function);
            var participant = new CareTeam.ParticipantComponent
            {
                Role = [role],
                Member = member switch
                {
                    { StaffUserId: { } staff } => new ResourceReference($"Practitioner/{staff}", member.Name),
                    { Role: TeamRole.Patient } => new ResourceReference($"Patient/{patient.Id}", member.Name),
                    _ => new ResourceReference { Type = "RelatedPerson", Display = member.Name },
                },
                Period = new Period { StartElement = FhirTime.DateTime(member.AddedAt), EndElement = member.RemovedAt is { } removed ? FhirTime.DateTime(removed) : null },
            };
            if (member.OrganizationId is { } organization)
            {
                participant.OnBehalfOf = new ResourceReference($"Organization/{organization}", member.Organization?.Name);
            }

            if (activeStafetholders.FirstOrDefault(s => s.TeamMemberId == member.Id) is { } stafetholder)
            {
                participant.Role.Add(new CodeableConcept(CaseHubUrls.TeamRoleSystem, StafetholderCode, "Stafetholder", $"Stafetholder for {stafetholder.Sector.Danish()}"));
            }

            resource.Participant.Add(participant);
        }

        return resource;
    }

    /// <summary>When the team last changed: a member added or removed, or a stafetholder started or ended.</summary>
    public static DateTime? ChangedAt(IEnumerable<TeamMember> members, IEnumerable<Stafetholder> stafetholders) =>
        members.SelectMany(m => new[] { m.AddedAt, m.RemovedAt ?? DateTime.MinValue })
            .Concat(stafetholders.SelectMany(s => new[] { s.From, s.To ?? DateTime.MinValue }))
            .DefaultIfEmpty(DateTime.MinValue).Max() is var at && at > DateTime.MinValue ? at : null;
}
