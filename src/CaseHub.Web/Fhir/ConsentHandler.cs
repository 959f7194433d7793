using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Consents;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Fhir;

/// <summary>
/// Consent (casehub-cross-sector-consent): the patient's consent to exchange information across sectors, read-only,
/// under the consent access rule (DataKind.Consent) like the forløb page.
/// </summary>
public sealed class ConsentHandler(CaseHubDbContext db, PatientGuard guard, AuditLog audit, ResourceHistory history, TimeProvider clock) : PatientDataHandler(history)
{
    public override FhirResourceDefinition Definition { get; } = new(
        "Consent",
        CaseHubUrls.CrossSectorConsentProfile,
        [
            new("_id", SearchParamType.Token, "The consent's logical id; several separated by commas."),
            new("patient", SearchParamType.Reference, "The patient: Patient/{id}."),
            new("status", SearchParamType.Token, "active (in force today), inactive (withdrawn or past its last day) or proposed (starts later); several separated by commas."),
            new("date", SearchParamType.Date, "When the consent was recorded (Consent.dateTime), with prefix eq, ge, gt, le or lt; a date is a whole Danish day."),
            new("_lastUpdated", SearchParamType.Date, "When the consent last changed (meta.lastUpdated), with prefix eq, ge, gt, le or lt."),
        ],
        Documentation: "The cross-sector consent recorded by Psykiatriens Hus: given on (provision.period.start), scope in the patient's words (consent-scope), "
            + "the last day it covers (provision.period.end, after a limit or a withdrawal). Read-only; recorded and withdrawn in CaseHub.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var consent = Guid.TryParse(id, out var consentId)
            ? await db.CrossSectorConsents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consentId, ct)
            : null;
        if (consent is null)
        {
            return FhirResponse.NotFound("Consent", id);
        }

        var decision = await guard.CheckAsync(consent.PatientId, DataKind.Consent, AccessMode.Read, "fhir.read", $"Consent/{id}", ct);
        return decision.Allowed
            ? await OkAsync(new MappedResource(ConsentMapper.ToFhir(consent, DanishCalendar.Today(clock)), consent.PatientId, consent.RecordedAt), ct)
            : FhirResponse.Forbidden("Consent", id);
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var visible = guard.VisiblePatients(DataKind.Consent);
        var today = DanishCalendar.Today(clock);
        var query = db.CrossSectorConsents.AsNoTracking().Where(c => visible.Any(p => p.Id == c.PatientId));
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(c => ids.Contains(c.Id));
                    break;
                case "patient":
                    var patientId = ReferenceId(value, "Patient");
                    query = query.Where(c => c.PatientId == patientId);
                    break;
                case "status":
                    // ConsentMapper.Status as a query: in force today, starting later, or neither.
                    var statuses = value.Split(',', StringSplitOptions.TrimEntries);
                    var active = statuses.Contains("active");
                    var proposed = statuses.Contains("proposed");
                    var inactive = statuses.Contains("inactive");
                    query = query.Where(c =>
                        (c.GivenOn <= today && (c.WithdrawnOn == null || c.WithdrawnOn > today) && (c.ValidUntil == null || c.ValidUntil >= today))
                            ? active
                            : (c.GivenOn > today && c.WithdrawnOn == null) ? proposed : inactive);
                    break;
                case "date":
                    if (DateParameter(value) is not { } range)
                    {
                        return BadDate("date", value);
                    }

                    var (prefix, low, high) = range;
                    query = prefix switch
                    {
                        "eq" => query.Where(c => c.RecordedAt >= low && c.RecordedAt < high),
                        "ge" => query.Where(c => c.RecordedAt >= low),
                        "gt" => query.Where(c => c.RecordedAt >= high),
                        "le" => query.Where(c => c.RecordedAt < high),
                        _ => query.Where(c => c.RecordedAt < low),
                    };
                    break;
            }
        }

        return await PageAsync(query.OrderByDescending(c => c.RecordedAt).ThenBy(c => c.Id), search,
            rows => System.Threading.Tasks.Task.FromResult(rows.Select(c => new MappedResource(ConsentMapper.ToFhir(c, today), c.PatientId, c.RecordedAt)).ToList()),
            patients => audit.RecordListAsync(guard.User, DataKind.Consent, patients, ct), ct);
    }
}
