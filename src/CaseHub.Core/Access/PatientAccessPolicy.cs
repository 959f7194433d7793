using System.Linq.Expressions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using CaseHub.Core.Consents;
using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Core.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Access;

/// <summary>
/// The one place that decides whether a user may read or change a patient's data. Each rule is a relation between
/// the user and the patient, expressed as a query so the same rule both answers a single question and filters lists.
/// </summary>
/// <param name="db">The database the relations are queried in.</param>
/// <param name="clock">Decides which consents, nødadgange and ward relations are in force now; the system clock when not given.</param>
/// <param name="settings">How long ward access lasts after discharge; <see cref="AccessSettings"/>'s defaults when not given.</param>
public sealed class PatientAccessPolicy(CaseHubDbContext db, TimeProvider? clock = null, IOptions<AccessSettings>? settings = null)
{
    /// <summary>A relation that grants some data kinds in some modes.</summary>
    /// <param name="Id">Stable id written to the audit trail.</param>
    /// <param name="AppliesTo">Which users the rule can apply to at all (role and organization kind).</param>
    /// <param name="Relation">The patients the user is related to under this rule.</param>
    /// <param name="Grants">What the relation allows.</param>
    private sealed record Rule(
        string Id,
        Func<CurrentUser, bool> AppliesTo,
        Func<CurrentUser, Expression<Func<Patient, bool>>> Relation,
        Func<DataKind, AccessMode, bool> Grants);

    /// <summary>The foundation rules. Built per policy instance, as the ward relation depends on the time now.</summary>
    private Rule[] Rules => [
        // Ward staff see and write the patients admitted to their own ward, and for a period after the discharge
        // (CaseHub:Access:WardAccessDaysAfterDischarge) to finish the agreement and hand over; not forever.
        new(
            "admission-ward",
            u => u.IsInRole(Roles.PsychiatryContactPerson) && u.OrganizationKind == OrganizationKind.HospitalWard,
            u => p => p.Admissions.Any(a => a.WardId == u.OrganizationId && (a.End == null || a.End >= WardCutoff)),
            (kind, _) => kind is DataKind.Case or DataKind.Document),

        // The flag rules look further back than the ward's period: a ward asked to act on a stay it discharged
        // without an agreement or plan ("Udskrevet uden aftale eller plan") must be able to open the case, write the
        // late plan or dismiss the flag. This holds while that flag is open and no agreement or plan for the stay is
        // in force, and reaches nothing else (not the team, meetings, minutes or tasks).
        new(
            "missing-plan-flag-ward",
            u => u.IsInRole(Roles.PsychiatryContactPerson) && u.OrganizationKind == OrganizationKind.HospitalWard,
            u => p => p.Admissions.Any(a => a.WardId == u.OrganizationId && a.End != null
                && db.Set<Flag>().Any(f => f.PatientId == p.Id && f.Rule == FlagRuleIds.MissingAtDischarge && f.SubjectId == a.Id
                    && f.OwnerOrganizationId == u.OrganizationId && f.ResolvedAt == null)
                && !p.Documents.Any(d => d.AdmissionId == a.Id
                    && (d.Status == DocumentStatus.Accepted || d.Status == DocumentStatus.Active || d.Status == DocumentStatus.Ended))),
            (kind, _) => kind is DataKind.Case or DataKind.Document),

        // The ward that wrote an agreement or plan stays a party to it after its access to the rest has ended: it
        // reads and revises its own part (review dates, supervision, complaints) as long as the document exists.
        new(
            "document-authoring-ward",
            u => u.IsInRole(Roles.PsychiatryContactPerson) && u.OrganizationKind == OrganizationKind.HospitalWard,
            u => p => p.Documents.Any(d => d.AuthoringWardId == u.OrganizationId),
            (kind, _) => kind == DataKind.Document),

        // Municipal caseworkers see and write the citizens who live in their municipality.
        new(
            "municipality-of-residence",
            u => u.IsInRole(Roles.MunicipalCaseworker) && u.MunicipalityId is not null,
            u => p => p.MunicipalityId == u.MunicipalityId,
            (kind, _) => kind is DataKind.Case or DataKind.Document),

        // The municipality a document was sent to keeps seeing it (and writing its part) even if the patient has moved.
        new(
            "document-receiving-municipality",
            u => u.IsInRole(Roles.MunicipalCaseworker) && u.MunicipalityId is not null,
            u => p => p.Documents.Any(d => d.ReceivingMunicipalityId == u.MunicipalityId),
            (kind, _) => kind == DataKind.Document),

        // Administrators answer citizens' requests for who has seen their data; they read the trail, not the case.
        new(
            "administrator-audit",
            u => u.IsInRole(Roles.Administrator),
            _ => p => true,
            (kind, mode) => kind == DataKind.AuditTrail && mode == AccessMode.Read),

        // Nødadgang: a ward contact person who gave a reason reads the whole case until the access expires. Every
        // access under it is audited with this rule, and the administrator reviews it (EmergencyAccessService).
        new(
            "emergency-access",
            u => EmergencyAccessService.MayBreakTheGlass(u),
            u => p => db.Set<EmergencyAccess>().Any(e => e.PatientId == p.Id && e.StaffUserId == u.UserId && e.GrantedAt <= Now && e.ExpiresAt > Now),
            (kind, mode) => mode == AccessMode.Read && kind != DataKind.AuditTrail),
    ];

    private DateTime Now => (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    /// <summary>Discharges before this instant no longer give the ward access.</summary>
    private DateTime WardCutoff => Now.AddDays(-Math.Max(0, (settings?.Value ?? new AccessSettings()).WardAccessDaysAfterDischarge));

    /// <summary>Decides one question about one patient.</summary>
    public async Task<AccessDecision> DecideAsync(
        CurrentUser user, Guid patientId, DataKind kind, AccessMode mode, CancellationToken ct = default)
    {
        foreach (var rule in AllRules().Where(r => r.AppliesTo(user) && r.Grants(kind, mode)))
        {
            if (await db.Patients.Where(p => p.Id == patientId).AnyAsync(rule.Relation(user), ct))
            {
                return new AccessDecision(true, rule.Id);
            }
        }

        return AccessDecision.Deny("no-relation");
    }

    /// <summary>The patients whose data of this kind the user may read: use it for every list, search and count.</summary>
    public IQueryable<Patient> VisiblePatients(CurrentUser user, DataKind kind = DataKind.Case)
    {
        var relations = AllRules()
            .Where(r => r.AppliesTo(user) && r.Grants(kind, AccessMode.Read))
            .Select(r => r.Relation(user))
            .ToList();
        return relations.Count == 0 ? db.Patients.Where(p => false) : db.Patients.Where(AnyOf(relations));
    }

    /// <summary>
    /// Decides one question about data that belongs to one sector (minutes: the host's; tasks: the owner's). Across
    /// sectors only §13c documents may be shared without the patient's consent, so minutes and tasks of another
    /// sector need an active cross-sector consent.
    /// </summary>
    public async Task<AccessDecision> DecideAsync(
        CurrentUser user, Guid patientId, DataKind kind, AccessMode mode, Sector dataSector, CancellationToken ct = default)
    {
        var decision = await DecideAsync(user, patientId, kind, mode, ct);
        if (!decision.Allowed || kind is not (DataKind.Minutes or DataKind.FollowUp) || dataSector == user.Sector)
        {
            return decision;
        }

        return await HasActiveConsentAsync(patientId, ct)
            ? decision with { Rule = $"{decision.Rule}+cross-sector-consent" }
            : AccessDecision.Deny("no-cross-sector-consent");
    }

    public Task<bool> HasActiveConsentAsync(Guid patientId, CancellationToken ct = default) =>
        db.Set<CrossSectorConsent>().Where(c => c.PatientId == patientId).AnyAsync(CrossSectorConsent.ActiveOn(Today), ct);

    private DateOnly Today => DanishCalendar.Today(clock ?? TimeProvider.System);

    /// <summary>The foundation rules followed by the rules of Patientens Team and Psykiatriens Hus.</summary>
    private IEnumerable<Rule> AllRules() => Rules.Concat(TeamRules());

    /// <summary>
    /// Rules that need the database or today's date in their relation, so they are built per policy instance.
    /// </summary>
    private IEnumerable<Rule> TeamRules()
    {
        // The ward and municipal relations also reach the team, meetings, minutes and tasks, and may read the consent.
        foreach (var rule in Rules.Where(r => r.Id is "admission-ward" or "municipality-of-residence"))
        {
            yield return rule with
            {
                Grants = (kind, mode) => kind is DataKind.Team or DataKind.Meeting or DataKind.Minutes or DataKind.FollowUp
                    || (kind == DataKind.Consent && mode == AccessMode.Read),
            };
        }

        // An active staff member of Patientens Team (region or municipality) reads the case and the §13c documents
        // and works with the team and its meetings. House staff are excluded: they need the consent below.
        yield return new(
            "team-member",
            u => u.Sector is Sector.Region or Sector.Municipality
                && (u.IsInRole(Roles.PsychiatryContactPerson) || u.IsInRole(Roles.MunicipalCaseworker)),
            u => p => db.Set<TeamMember>().Any(m => m.PatientId == p.Id && m.StaffUserId == u.UserId && m.RemovedAt == null),
            (kind, mode) => kind is DataKind.Team or DataKind.Meeting or DataKind.Minutes or DataKind.FollowUp
                || (mode == AccessMode.Read && kind is DataKind.Case or DataKind.Document or DataKind.Consent));

        // A house coordinator records the consent of a citizen of the municipality the house serves; before it is
        // given, they see nothing else.
        yield return new(
            "house-consent-record",
            IsHouseCoordinator,
            u => p => p.MunicipalityId == u.OrganizationParentId,
            (kind, _) => kind == DataKind.Consent);

        // With an active consent Psykiatriens Hus works with the whole course across sectors. The consent test is
        // CrossSectorConsent.ActiveOn written out, as it must sit inside this expression to be translated.
        var today = Today;
        yield return new(
            "house-with-consent",
            IsHouseCoordinator,
            u => p => p.MunicipalityId == u.OrganizationParentId
                && db.Set<CrossSectorConsent>().Any(c => c.PatientId == p.Id && c.GivenOn <= today
                    && (c.WithdrawnOn == null || c.WithdrawnOn > today) && (c.ValidUntil == null || c.ValidUntil >= today)),
            (kind, mode) => kind is DataKind.Team or DataKind.Meeting or DataKind.Minutes or DataKind.FollowUp or DataKind.Consent
                || (mode == AccessMode.Read && kind is DataKind.Case or DataKind.Document));
    }

    private static bool IsHouseCoordinator(CurrentUser u) =>
        u.IsInRole(Roles.HouseCoordinator) && u.OrganizationKind == OrganizationKind.PsychiatricHouse;

    private static Expression<Func<Patient, bool>> AnyOf(List<Expression<Func<Patient, bool>>> relations)
    {
        var parameter = Expression.Parameter(typeof(Patient), "p");
        var body = relations
            .Select(r => new ReplaceParameter(r.Parameters[0], parameter).Visit(r.Body))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Patient, bool>>(body, parameter);
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
