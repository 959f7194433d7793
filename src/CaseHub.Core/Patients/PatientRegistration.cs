using CaseHub.Core.Access;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Patients;

/// <summary>What a user can state about a patient's identity and contact details (the FHIR Patient, a form).</summary>
public sealed record PatientDetails(
    string? Cpr,
    string? GivenName,
    string? FamilyName,
    string? MunicipalityCode,
    string? Phone,
    string? Address,
    string? GeneralPractitionerNumber,
    string? GeneralPractitionerName);

/// <summary>
/// Registers a citizen without an admission: done by a caseworker of the municipality the citizen lives in, so the
/// citizen is visible to the one who registered them. Wards register patients by admitting them (AdmitPatient).
/// </summary>
public sealed class RegisterPatient(CaseHubDbContext db, TimeProvider clock)
{
    /// <summary>The audit rule under which a caseworker registers a citizen of their own municipality.</summary>
    public const string AccessRule = "register-in-own-municipality";

    public async Task<Outcome<Patient>> ExecuteAsync(CurrentUser user, PatientDetails details, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var (cpr, municipality) = await PatientRules.CheckAsync(db, details, errors, ct);
        if (errors.Any)
        {
            return Outcome<Patient>.Fail(errors);
        }

        if (!user.IsInRole(Roles.MunicipalCaseworker) || user.MunicipalityId != municipality!.Id)
        {
            return Outcome<Patient>.Fail(string.Empty, "Kun sagsbehandlere i borgerens bopælskommune kan oprette borgeren.");
        }

        if (await db.Patients.AnyAsync(p => p.Cpr == cpr.Value, ct))
        {
            return Outcome<Patient>.Fail(nameof(PatientDetails.Cpr), "Der findes allerede en borger med dette CPR-nummer.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var patient = new Patient
        {
            Cpr = cpr.Value,
            BirthDate = cpr.BirthDate,
            GivenName = string.Empty,
            FamilyName = string.Empty,
            CreatedAt = now,
        };
        PatientRules.Apply(patient, details, municipality!, now);
        db.Patients.Add(patient);
        await db.SaveChangesAsync(ct);
        return Outcome<Patient>.Ok(patient);
    }
}

/// <summary>
/// Changes a patient's name, municipality and contact details. The caller has already checked write access to the
/// patient (PatientGuard); the CPR number identifies the patient and cannot change.
/// </summary>
public sealed class UpdatePatient(CaseHubDbContext db, TimeProvider clock)
{
    public async Task<Outcome<Patient>> ExecuteAsync(Guid patientId, PatientDetails details, CancellationToken ct = default)
    {
        var patient = await db.Patients.Include(p => p.Municipality).FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return Outcome<Patient>.Fail(string.Empty, "Borgeren findes ikke.");
        }

        var errors = new FieldErrors();
        var (cpr, municipality) = await PatientRules.CheckAsync(db, details, errors, ct);
        errors.Add(nameof(PatientDetails.Cpr), "CPR-nummeret kan ikke ændres.", !errors.ContainsKey(nameof(PatientDetails.Cpr)) && cpr.Value != patient.Cpr);
        if (errors.Any)
        {
            return Outcome<Patient>.Fail(errors);
        }

        PatientRules.Apply(patient, details, municipality!, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome<Patient>.Ok(patient);
    }
}

internal static class PatientRules
{
    public static async Task<(CprNumber Cpr, Organization? Municipality)> CheckAsync(
        CaseHubDbContext db, PatientDetails details, FieldErrors errors, CancellationToken ct)
    {
        if (!CprNumber.TryParse(details.Cpr, out var cpr, out var cprError))
        {
            errors.Add(nameof(details.Cpr), cprError, true);
        }

        var municipality = await db.Organizations.FirstOrDefaultAsync(
            o => o.Kind == OrganizationKind.Municipality && o.Code == details.MunicipalityCode, ct);
        errors
            .Add(nameof(details.GivenName), "Angiv borgerens fornavn.", string.IsNullOrWhiteSpace(details.GivenName))
            .Add(nameof(details.FamilyName), "Angiv borgerens efternavn.", string.IsNullOrWhiteSpace(details.FamilyName))
            .Add(nameof(details.MunicipalityCode), "Angiv en gyldig kommunekode for borgerens bopælskommune.", municipality is null)
            .Add(nameof(details.GeneralPractitionerNumber), "Ydernummeret skal bestå af cifre.",
                details.GeneralPractitionerNumber is { Length: > 0 } gp && !gp.Trim().All(char.IsAsciiDigit));
        return (cpr, municipality);
    }

    public static void Apply(Patient patient, PatientDetails details, Organization municipality, DateTime now)
    {
        patient.GivenName = details.GivenName!.Trim();
        patient.FamilyName = details.FamilyName!.Trim();
        patient.MunicipalityId = municipality.Id;
        patient.Municipality = municipality;
        patient.Phone = Clean(details.Phone);
        patient.Address = Clean(details.Address);
        patient.GeneralPractitionerNumber = Clean(details.GeneralPractitionerNumber);
        patient.GeneralPractitionerName = Clean(details.GeneralPractitionerName);
        patient.UpdatedAt = now;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
