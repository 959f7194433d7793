using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Web.Auth;

namespace CaseHub.Web.Access;

/// <summary>
/// What every page and endpoint that touches a patient calls first: asks the access policy and writes the audit
/// entry, allowed or denied, so no access to patient data goes unrecorded.
/// </summary>
public sealed class PatientGuard(PatientAccessPolicy policy, AuditLog audit, CurrentUserAccessor current)
{
    public CurrentUser User => current.User;

    /// <param name="patientId">Whose data.</param>
    /// <param name="kind">Which kind of data.</param>
    /// <param name="mode">Read or write.</param>
    /// <param name="action">What is done, for the audit trail (<c>read</c>, <c>create</c>, <c>agreement.send</c>).</param>
    /// <param name="dataId">The id of the record touched, when there is one.</param>
    public async Task<AccessDecision> CheckAsync(
        Guid patientId, DataKind kind, AccessMode mode, string action, string? dataId = null, CancellationToken ct = default)
    {
        var user = current.User;
        var decision = await policy.DecideAsync(user, patientId, kind, mode, ct);
        await audit.RecordAsync(user, action, kind, dataId ?? patientId.ToString(), patientId, decision, ct);
        return decision;
    }

    /// <summary>
    /// As <see cref="CheckAsync(Guid, DataKind, AccessMode, string, string?, CancellationToken)"/> for data owned by one
    /// sector (minutes, tasks): across sectors it also needs the patient's consent.
    /// </summary>
    public async Task<AccessDecision> CheckAsync(
        Guid patientId, DataKind kind, AccessMode mode, Core.Organizations.Sector dataSector, string action, string? dataId = null, CancellationToken ct = default)
    {
        var user = current.User;
        var decision = await policy.DecideAsync(user, patientId, kind, mode, dataSector, ct);
        await audit.RecordAsync(user, action, kind, dataId ?? patientId.ToString(), patientId, decision, ct);
        return decision;
    }

    /// <summary>The patients the user may see, for lists and searches.</summary>
    public IQueryable<Core.Patients.Patient> VisiblePatients(DataKind kind = DataKind.Case) => policy.VisiblePatients(current.User, kind);
}
