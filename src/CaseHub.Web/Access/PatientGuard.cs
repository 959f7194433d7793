using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Web.Auth;

namespace CaseHub.Web.Access;

/// <summary>
/// What every page and endpoint that touches a patient calls first: asks the access policy and writes the audit
/// entry, allowed or denied, so no access to patient data goes unrecorded.
/// </summary>
public sealed class PatientGuard(PatientAccessPolicy policy, AuditLog audit, CurrentUserAccessor current, IHttpContextAccessor http)
{
    /// <summary>
    /// The request item naming the patient a ward contact person was just refused, so the "Ingen adgang" page can offer
    /// nødadgang for exactly that patient.
    /// </summary>
    public const string RefusedPatientItem = "CaseHub.RefusedPatient";

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
        RememberRefusal(user, patientId, mode, decision);
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
        RememberRefusal(user, patientId, mode, decision);
        return decision;
    }

    /// <summary>Nødadgang is offered only where no relation at all exists (not for a missing consent or a write).</summary>
    private void RememberRefusal(CurrentUser user, Guid patientId, AccessMode mode, AccessDecision decision)
    {
        if (!decision.Allowed && mode == AccessMode.Read && decision.Rule == "no-relation" && EmergencyAccessService.MayBreakTheGlass(user) && http.HttpContext is { } context)
        {
            context.Items[RefusedPatientItem] = patientId;
        }
    }

    /// <summary>The patients the user may see, for lists and searches.</summary>
    public IQueryable<Core.Patients.Patient> VisiblePatients(DataKind kind = DataKind.Case) => policy.VisiblePatients(current.User, kind);
}
