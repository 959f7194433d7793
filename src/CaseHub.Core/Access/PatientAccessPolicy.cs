using System.Linq.Expressions;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Access;

/// <summary>
/// The one place that decides whether a user may read or change a patient's data. Each rule is a relation between
/// the user and the patient, expressed as a query so the same rule both answers a single question and filters lists.
/// </summary>
public sealed class PatientAccessPolicy(CaseHubDbContext db)
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

    private static readonly Rule[] Rules =
    [
        // Ward staff see and write the patients admitted to their own ward, now or earlier.
        new(
            "admission-ward",
            u => u.IsInRole(Roles.PsychiatryContactPerson) && u.OrganizationKind == OrganizationKind.HospitalWard,
            u => p => p.Admissions.Any(a => a.WardId == u.OrganizationId),
            (kind, _) => kind is DataKind.Case or DataKind.Document),

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
    ];

    /// <summary>Decides one question about one patient.</summary>
    public async Task<AccessDecision> DecideAsync(
        CurrentUser user, Guid patientId, DataKind kind, AccessMode mode, CancellationToken ct = default)
    {
        foreach (var rule in Rules.Where(r => r.AppliesTo(user) && r.Grants(kind, mode)))
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
        var relations = Rules
            .Where(r => r.AppliesTo(user) && r.Grants(kind, AccessMode.Read))
            .Select(r => r.Relation(user))
            .ToList();
        return relations.Count == 0 ? db.Patients.Where(p => false) : db.Patients.Where(AnyOf(relations));
    }

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
