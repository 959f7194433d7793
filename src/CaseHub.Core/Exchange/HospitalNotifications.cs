using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Exchange;

/// <summary>The event a MedCom HospitalNotification Encounter carries, read from its status.</summary>
public enum HospitalEvent
{
    /// <summary>in-progress: admitted (STIN), or back from leave.</summary>
    Admitted,

    /// <summary>onleave: on leave (STOR); CaseHub keeps no leave, so it is acknowledged only.</summary>
    OnLeave,

    /// <summary>finished: discharged (SLHJ).</summary>
    Discharged,
}

/// <summary>A hospital notification as received: the episode of care (forløbsid) is what makes it idempotent.</summary>
public sealed record IncomingEncounter(
    string EpisodeOfCareId, HospitalEvent Event, string? Cpr, string? WardSor, DateTime? Start, DateTime? End, LegalBasis LegalBasis);

/// <summary>
/// Applies hospital notifications (admission, leave, discharge) through the admission use cases, acting as the
/// ward that sent them: AdmitPatient for an admission, CareDocuments.RegisterDischargeAsync for a discharge (which
/// activates accepted documents). Idempotent on the episode-of-care identifier.
/// </summary>
public sealed class HospitalNotifications(CaseHubDbContext db, AdmitPatient admit, CareDocuments documents, InboundDocuments inbound, TimeProvider clock)
{
    /// <summary>The result, and the patient whose flags must be evaluated again after a discharge.</summary>
    public sealed record Result(InboundResult Outcome, Guid? DischargedPatientId);

    public async Task<Result> ApplyAsync(string senderCode, IncomingEncounter incoming, CancellationToken ct = default)
    {
        var patient = incoming.Cpr is null ? null
            : await db.Patients.Include(p => p.Municipality).FirstOrDefaultAsync(p => p.Cpr == incoming.Cpr, ct);
        if (patient is null)
        {
            return Refused(await inbound.RejectAsync(senderCode, "Encounter", incoming.EpisodeOfCareId, 422,
                "Borgeren findes ikke i dette system; hospitalsnotifikationen er ikke modtaget.", ct));
        }

        var ward = await db.Organizations.FirstOrDefaultAsync(o => o.Kind == OrganizationKind.HospitalWard && o.Code == incoming.WardSor, ct);
        if (ward is null)
        {
            return Refused(await inbound.RejectAsync(senderCode, "Encounter", incoming.EpisodeOfCareId, 422, "Afsnittet (SOR-kode) er ukendt.", ct));
        }

        if (!(await OutboxWriter.ChainAsync(db, ward, ct)).Contains(senderCode))
        {
            return Refused(await inbound.RejectAsync(senderCode, "Encounter", incoming.EpisodeOfCareId, 403,
                "Afsenderen er ikke afsnittet eller dets region.", ct));
        }

        // The ward's own notification: it acts as the ward's contact person would in the UI.
        var asWard = new CurrentUser(Guid.Empty, "medcom:" + senderCode, $"Hospitalsnotifikation ({ward.Name})", ward.Id, ward.Name, ward.Kind, ward.ParentId,
            [Roles.PsychiatryContactPerson]);
        var admission = await db.Admissions.FirstOrDefaultAsync(a => a.EpisodeOfCareId == incoming.EpisodeOfCareId, ct);
        switch (incoming.Event)
        {
            case HospitalEvent.Admitted or HospitalEvent.OnLeave when admission is not null:
                return new(InboundResult.Unchanged(incoming.Event == HospitalEvent.OnLeave
                    ? "Orloven er noteret; indlæggelsen fortsætter."
                    : "Indlæggelsen er allerede registreret."), null);
            case HospitalEvent.Admitted or HospitalEvent.OnLeave:
                var (admitted, errors) = await AdmitAsync(asWard, patient, incoming, ct);
                if (admitted is null)
                {
                    return Refused(await inbound.RejectAsync(senderCode, "Encounter", incoming.EpisodeOfCareId, 409, errors!, ct));
                }

                await inbound.AuditAsync(senderCode, "exchange.admission", DataKind.Case, admitted.Id.ToString(), patient.Id, ct);
                return new(InboundResult.Done($"Indlæggelse registreret på {ward.Name}."), null);
            case HospitalEvent.Discharged when admission is null:
                return Refused(await inbound.RejectAsync(senderCode, "Encounter", incoming.EpisodeOfCareId, 404,
                    "Indlæggelsen (forløbsid) kendes ikke; send indlæggelsen først.", ct));
            case HospitalEvent.Discharged when admission.End is not null:
                return new(InboundResult.Unchanged("Udskrivningen er allerede registreret."), null);
            default:
                var end = incoming.End ?? clock.GetUtcNow().UtcDateTime;
                var discharged = await documents.RegisterDischargeAsync(asWard, admission!.Id, DateOnly.FromDateTime(DanishCalendar.ToDanishTime(end)), ct);
                if (!discharged.Succeeded)
                {
                    return Refused(await inbound.RejectAsync(senderCode, "Encounter", incoming.EpisodeOfCareId, 422,
                        string.Join(" ", discharged.Errors.Values), ct));
                }

                await inbound.AuditAsync(senderCode, "exchange.discharge", DataKind.Case, admission.Id.ToString(), admission.PatientId, ct);
                return new(InboundResult.Done($"Udskrivning registreret fra {ward.Name}."), admission.PatientId);
        }
    }

    private static Result Refused(InboundResult outcome) => new(outcome, null);

    /// <summary>
    /// AdmitPatient saves the admission; the notification's episode of care and exact start are a second save. Both
    /// run in one transaction, so a failure in between leaves no admission without its episode of care (which a
    /// resent notification could not find, and would admit twice).
    /// </summary>
    private async Task<(Admission? Admission, string? Errors)> AdmitAsync(CurrentUser asWard, Patients.Patient patient, IncomingEncounter incoming, CancellationToken ct)
    {
        var start = incoming.Start ?? clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await admit.ExecuteAsync(asWard, new AdmitPatient.Command(
            patient.Cpr, patient.GivenName, patient.FamilyName, patient.Municipality!.Code,
            DateOnly.FromDateTime(DanishCalendar.ToDanishTime(start)), null, incoming.LegalBasis, TargetGroupMarking.None, null), ct);
        if (!outcome.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return (null, string.Join(" ", outcome.Errors.Values));
        }

        outcome.Value!.EpisodeOfCareId = incoming.EpisodeOfCareId;
        outcome.Value.Start = start;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (outcome.Value, null);
    }
}
