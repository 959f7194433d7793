using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Consents;

/// <summary>
/// A Psykiatriens Hus coordinator records the cross-sector consent and runs the forløb in the house. Callers have
/// checked access (DataKind.Consent, write) through the patient guard.
/// </summary>
public sealed class HouseCourseService(CaseHubDbContext db, TimeProvider clock, TeamService team)
{
    public static bool IsHouseCoordinator(CurrentUser user) =>
        user.IsInRole(Roles.HouseCoordinator) && user.OrganizationKind == OrganizationKind.PsychiatricHouse;

    public Task<CrossSectorConsent?> ActiveConsentAsync(Guid patientId, CancellationToken ct = default) =>
        db.Set<CrossSectorConsent>().Where(c => c.PatientId == patientId).Where(CrossSectorConsent.ActiveOn(DanishCalendar.Today(clock)))
            .OrderByDescending(c => c.GivenOn).FirstOrDefaultAsync(ct);

    public async Task<Outcome<CrossSectorConsent>> RecordConsentAsync(
        CurrentUser user, Guid patientId, DateOnly? givenOn, string? scope, DateOnly? validUntil, CancellationToken ct = default)
    {
        if (!IsHouseCoordinator(user))
        {
            return Outcome<CrossSectorConsent>.Fail(string.Empty, "Kun koordinatorer i Psykiatriens Hus kan registrere samtykke.");
        }

        var today = DanishCalendar.Today(clock);
        var errors = new FieldErrors()
            .Add("GivenOn", "Angiv datoen, hvor borgeren gav samtykke.", givenOn is null)
            .Add("GivenOn", "Samtykkedatoen kan ikke ligge i fremtiden.", givenOn > today)
            .Add("Scope", "Angiv, hvilke oplysninger samtykket omfatter.", string.IsNullOrWhiteSpace(scope))
            .Add("ValidUntil", "Slutdatoen kan ikke ligge før samtykkedatoen.", validUntil < givenOn);
        if (await ActiveConsentAsync(patientId, ct) is not null)
        {
            errors.Add("GivenOn", "Borgeren har allerede et aktivt samtykke. Tilbagekald det først.", true);
        }

        if (errors.Any)
        {
            return Outcome<CrossSectorConsent>.Fail(errors);
        }

        var consent = new CrossSectorConsent
        {
            PatientId = patientId,
            GivenOn = givenOn!.Value,
            Scope = scope!.Trim(),
            ValidUntil = validUntil,
            RecordedByUserId = user.UserId,
            RecordedByName = user.Name,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(consent);
        await db.SaveChangesAsync(ct);
        return Outcome<CrossSectorConsent>.Ok(consent);
    }

    public async Task<Outcome<CrossSectorConsent>> WithdrawConsentAsync(
        CurrentUser user, Guid patientId, Guid consentId, int version, DateOnly? withdrawnOn, string? reason, CancellationToken ct = default)
    {
        var consent = await db.Set<CrossSectorConsent>().FirstOrDefaultAsync(c => c.Id == consentId && c.PatientId == patientId, ct);
        var today = DanishCalendar.Today(clock);
        var errors = new FieldErrors()
            .Add(string.Empty, "Samtykket findes ikke eller er allerede tilbagekaldt.", consent is null || consent.WithdrawnOn is not null)
            .Add("WithdrawnOn", "Angiv datoen for tilbagekaldelsen.", withdrawnOn is null)
            .Add("WithdrawnOn", "Datoen for tilbagekaldelsen kan ikke ligge i fremtiden.", withdrawnOn > today)
            .Add("WithdrawnOn", "Samtykket kan ikke tilbagekaldes før det blev givet.", withdrawnOn < consent?.GivenOn);
        if (errors.Any)
        {
            return Outcome<CrossSectorConsent>.Fail(errors);
        }

        db.Entry(consent!).Property(c => c.Version).OriginalValue = version;
        consent!.WithdrawnOn = withdrawnOn;
        consent.WithdrawnByName = user.Name;
        consent.WithdrawalReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        consent.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<CrossSectorConsent>.Fail(string.Empty, TeamService.ConflictMessage);
        }

        return Outcome<CrossSectorConsent>.Ok(consent);
    }

    public sealed record StartCommand(
        DateOnly? RegionReferralConfirmedOn,
        DateOnly? MunicipalityReferralConfirmedOn,
        DateOnly? StartDate,
        Guid? RegionMemberId,
        Guid? MunicipalityMemberId);

    /// <summary>
    /// Starts a forløb: only with an active consent, both sectors' referral confirmations, an adult patient, and a
    /// stafetholder from each sector (designated here when changed).
    /// </summary>
    public async Task<Outcome<HouseCourse>> StartCourseAsync(CurrentUser user, Guid patientId, StartCommand command, CancellationToken ct = default)
    {
        if (!IsHouseCoordinator(user))
        {
            return Outcome<HouseCourse>.Fail(string.Empty, "Kun koordinatorer i Psykiatriens Hus kan starte et forløb.");
        }

        var today = DanishCalendar.Today(clock);
        var consent = await ActiveConsentAsync(patientId, ct);
        var patient = await db.Patients.FirstAsync(p => p.Id == patientId, ct);
        var errors = new FieldErrors()
            .Add(string.Empty, "Et forløb kræver borgerens samtykke til udveksling af oplysninger på tværs af sektorer.", consent is null)
            .Add("RegionReferralConfirmedOn", "Angiv, hvornår regionen bekræftede visitationen.", command.RegionReferralConfirmedOn is null)
            .Add("RegionReferralConfirmedOn", "Datoen kan ikke ligge i fremtiden.", command.RegionReferralConfirmedOn > today)
            .Add("MunicipalityReferralConfirmedOn", "Angiv, hvornår kommunen bekræftede visitationen.", command.MunicipalityReferralConfirmedOn is null)
            .Add("MunicipalityReferralConfirmedOn", "Datoen kan ikke ligge i fremtiden.", command.MunicipalityReferralConfirmedOn > today)
            .Add("StartDate", "Angiv startdatoen.", command.StartDate is null)
            .Add("StartDate", "Forløbet kan ikke starte før samtykket blev givet.", command.StartDate < consent?.GivenOn)
            .Add("StartDate", "Forløb i Psykiatriens Hus er for voksne (18 år og derover).", command.StartDate is { } s && patient.AgeOn(s) < Age.AdultFrom);
        if (await db.Set<HouseCourse>().AnyAsync(c => c.PatientId == patientId && c.EndDate == null, ct))
        {
            errors.Add(string.Empty, "Borgeren har allerede et aktivt forløb i Psykiatriens Hus.", true);
        }

        // The house is not for patients who are admitted right now (DOMAIN.md section 3): start after the discharge.
        if (await db.Admissions.AnyAsync(a => a.PatientId == patientId && a.End == null, ct))
        {
            errors.Add("StartDate", "Borgeren er indlagt. Et forløb i Psykiatriens Hus kan først starte efter udskrivningen.", true);
        }

        foreach (var (sector, memberId) in new[] { (Sector.Region, command.RegionMemberId), (Sector.Municipality, command.MunicipalityMemberId) })
        {
            if (await team.CheckStafetholderAsync(patientId, sector, memberId, ct) is { } error)
            {
                errors.Add(TeamService.StafetholderField(sector), error, true);
            }
        }

        if (errors.Any)
        {
            return Outcome<HouseCourse>.Fail(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await team.StageStafetholderAsync(user, patientId, Sector.Region, command.RegionMemberId!.Value, ct);
        await team.StageStafetholderAsync(user, patientId, Sector.Municipality, command.MunicipalityMemberId!.Value, ct);
        var course = new HouseCourse
        {
            PatientId = patientId,
            HouseId = user.OrganizationId,
            RegionReferralConfirmedOn = command.RegionReferralConfirmedOn!.Value,
            MunicipalityReferralConfirmedOn = command.MunicipalityReferralConfirmedOn!.Value,
            StartDate = command.StartDate!.Value,
            StartedByName = user.Name,
        };
        db.Add(course);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<HouseCourse>.Ok(course);
    }

    public async Task<Outcome<HouseCourse>> EndCourseAsync(
        CurrentUser user, Guid patientId, Guid courseId, int version, DateOnly? endDate, string? reason, CancellationToken ct = default)
    {
        var course = await db.Set<HouseCourse>().FirstOrDefaultAsync(c => c.Id == courseId && c.PatientId == patientId && c.EndDate == null, ct);
        var errors = new FieldErrors()
            .Add(string.Empty, "Kun koordinatorer i Psykiatriens Hus kan afslutte et forløb.", !IsHouseCoordinator(user))
            .Add(string.Empty, "Forløbet findes ikke eller er allerede afsluttet.", course is null)
            .Add("EndDate", "Angiv slutdatoen.", endDate is null)
            .Add("EndDate", "Slutdatoen kan ikke ligge før startdatoen.", endDate < course?.StartDate)
            .Add("EndReason", "Angiv årsagen til, at forløbet afsluttes.", string.IsNullOrWhiteSpace(reason));
        if (errors.Any)
        {
            return Outcome<HouseCourse>.Fail(errors);
        }

        db.Entry(course!).Property(c => c.Version).OriginalValue = version;
        course!.EndDate = endDate;
        course.EndReason = reason!.Trim();
        course.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<HouseCourse>.Fail(string.Empty, TeamService.ConflictMessage);
        }

        return Outcome<HouseCourse>.Ok(course);
    }
}
