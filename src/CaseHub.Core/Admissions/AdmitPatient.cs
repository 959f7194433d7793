using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Admissions;

/// <summary>Registers an admission to the user's own ward, creating the patient when the CPR number is new.</summary>
public sealed class AdmitPatient(CaseHubDbContext db, TimeProvider clock)
{
    public sealed record Command(
        string? Cpr,
        string? GivenName,
        string? FamilyName,
        string? MunicipalityCode,
        DateOnly? AdmittedOn,
        DateOnly? PlannedDischargeDate,
        LegalBasis LegalBasis,
        TargetGroupMarking TargetGroupMarking,
        string? TargetGroupReason);

    /// <summary>The audit rule under which a ward registers its own admissions.</summary>
    public const string AccessRule = "admit-to-own-ward";

    public static bool MayAdmit(CurrentUser user) =>
        user.IsInRole(Roles.PsychiatryContactPerson) && user.OrganizationKind == OrganizationKind.HospitalWard;

    public async Task<Outcome<Admission>> ExecuteAsync(CurrentUser user, Command command, CancellationToken ct = default)
    {
        if (!MayAdmit(user))
        {
            return Outcome<Admission>.Fail(string.Empty, "Kun kontaktpersoner på et psykiatrisk afsnit kan registrere indlæggelser.");
        }

        var errors = new FieldErrors();
        var today = DanishCalendar.Today(clock);
        if (!CprNumber.TryParse(command.Cpr, out var cpr, out var cprError))
        {
            errors.Add(nameof(command.Cpr), cprError, true);
        }

        var municipality = await db.Organizations.FirstOrDefaultAsync(
            o => o.Kind == OrganizationKind.Municipality && o.Code == command.MunicipalityCode, ct);
        errors
            .Add(nameof(command.GivenName), "Angiv borgerens fornavn.", string.IsNullOrWhiteSpace(command.GivenName))
            .Add(nameof(command.FamilyName), "Angiv borgerens efternavn.", string.IsNullOrWhiteSpace(command.FamilyName))
            .Add(nameof(command.MunicipalityCode), "Vælg borgerens bopælskommune.", municipality is null)
            .Add(nameof(command.AdmittedOn), "Angiv indlæggelsesdatoen.", command.AdmittedOn is null)
            .Add(nameof(command.AdmittedOn), "Indlæggelsesdatoen kan ikke ligge i fremtiden.", command.AdmittedOn > today)
            .Add(nameof(command.PlannedDischargeDate), "Planlagt udskrivning kan ikke ligge før indlæggelsesdatoen.",
                command.PlannedDischargeDate < command.AdmittedOn)
            .Add(nameof(command.TargetGroupReason), "Angiv en begrundelse for vurderingen af målgruppen.",
                command.TargetGroupMarking != TargetGroupMarking.None && string.IsNullOrWhiteSpace(command.TargetGroupReason));
        if (errors.Any)
        {
            return Outcome<Admission>.Fail(errors);
        }

        var patient = await db.Patients.Include(p => p.Admissions).ThenInclude(a => a.Ward)
            .AsSplitQuery() // as a single query SQLite joins every admission before picking the patient
            .FirstOrDefaultAsync(p => p.Cpr == cpr.Value, ct);
        if (patient?.Admissions.FirstOrDefault(a => a.IsCurrent) is { } current)
        {
            return Outcome<Admission>.Fail(nameof(command.Cpr), $"Borgeren er allerede indlagt på {current.Ward!.Name}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (patient is null)
        {
            patient = new Patient
            {
                Cpr = cpr.Value,
                BirthDate = cpr.BirthDate,
                GivenName = command.GivenName!.Trim(),
                FamilyName = command.FamilyName!.Trim(),
                MunicipalityId = municipality!.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Patients.Add(patient);
        }

        var admission = new Admission
        {
            PatientId = patient.Id,
            WardId = user.OrganizationId,
            Start = DanishCalendar.ToUtc(command.AdmittedOn!.Value.ToDateTime(TimeOnly.MinValue)),
            PlannedDischargeDate = command.PlannedDischargeDate,
            LegalBasis = command.LegalBasis,
            TargetGroupMarking = command.TargetGroupMarking,
            TargetGroupReason = string.IsNullOrWhiteSpace(command.TargetGroupReason) ? null : command.TargetGroupReason.Trim(),
        };
        // Added to the set explicitly: through the navigation of an already tracked patient, EF would take the
        // admission (whose Guid key is already set) for an existing row and UPDATE it instead of inserting it.
        db.Admissions.Add(admission);
        patient.Admissions.Add(admission);
        await db.SaveChangesAsync(ct);
        return Outcome<Admission>.Ok(admission);
    }
}
