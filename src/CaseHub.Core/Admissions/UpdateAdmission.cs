using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Admissions;

/// <summary>
/// Changes what the ward records about its own admission: legal basis, target-group marking, planned discharge date,
/// and the discharge itself (the end). Who the patient is, the ward and the start do not change.
/// </summary>
public sealed class UpdateAdmission(CaseHubDbContext db, TimeProvider clock)
{
    public sealed record Command(
        DateTime? End,
        DateOnly? PlannedDischargeDate,
        LegalBasis LegalBasis,
        TargetGroupMarking TargetGroupMarking,
        string? TargetGroupReason);

    public async Task<Outcome<Admission>> ExecuteAsync(CurrentUser user, Guid admissionId, Command command, CancellationToken ct = default)
    {
        var admission = await db.Admissions.FirstOrDefaultAsync(a => a.Id == admissionId, ct);
        if (admission is null || !AdmitPatient.MayAdmit(user) || admission.WardId != user.OrganizationId)
        {
            return Outcome<Admission>.Fail(string.Empty, "Kun kontaktpersoner på afsnittet kan ændre indlæggelsen.");
        }

        var admittedOn = DateOnly.FromDateTime(DanishCalendar.ToDanishTime(admission.Start));
        var reopensWhileAdmittedElsewhere = command.End is null && admission.End is not null
            && await db.Admissions.AnyAsync(a => a.PatientId == admission.PatientId && a.Id != admission.Id && a.End == null, ct);
        var errors = new FieldErrors()
            .Add(nameof(command.End), "Udskrivningen kan ikke ligge før indlæggelsen.", command.End < admission.Start)
            .Add(nameof(command.End), "Udskrivningen kan ikke ligge i fremtiden.", command.End > clock.GetUtcNow().UtcDateTime)
            .Add(nameof(command.End), "Borgeren er indlagt igen; en tidligere indlæggelse kan ikke genåbnes.", reopensWhileAdmittedElsewhere)
            .Add(nameof(command.PlannedDischargeDate), "Planlagt udskrivning kan ikke ligge før indlæggelsesdatoen.", command.PlannedDischargeDate < admittedOn)
            .Add(nameof(command.TargetGroupReason), "Angiv en begrundelse for vurderingen af målgruppen.",
                command.TargetGroupMarking != TargetGroupMarking.None && string.IsNullOrWhiteSpace(command.TargetGroupReason));
        if (errors.Any)
        {
            return Outcome<Admission>.Fail(errors);
        }

        admission.End = command.End;
        admission.PlannedDischargeDate = command.PlannedDischargeDate;
        admission.LegalBasis = command.LegalBasis;
        admission.TargetGroupMarking = command.TargetGroupMarking;
        admission.TargetGroupReason = string.IsNullOrWhiteSpace(command.TargetGroupReason) ? null : command.TargetGroupReason.Trim();
        await db.SaveChangesAsync(ct);
        return Outcome<Admission>.Ok(admission);
    }
}
