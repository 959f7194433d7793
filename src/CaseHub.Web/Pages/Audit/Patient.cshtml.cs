using System.Globalization;
using System.Text;
using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Patients;
using CaseHub.Web.Access;
using CaseHub.Web.Localization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Audit;

/// <summary>A citizen's audit trail: who saw or changed their data, and the export that answers a request for access.</summary>
public class PatientModel(PatientGuard guard, CaseHubDbContext db) : PageModel
{
    private const int Shown = 500;

    public Guid PatientId { get; private set; }

    public string PatientName { get; private set; } = string.Empty;

    public string Cpr { get; private set; } = string.Empty;

    public int Total { get; private set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await AllowedAsync(id, "read"))
        {
            return Forbid();
        }

        var trail = Trail(id);
        Total = await trail.CountAsync(HttpContext.RequestAborted);
        Entries = await trail.Take(Shown).ToListAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (!await AllowedAsync(id, "export"))
        {
            return Forbid();
        }

        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        await using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            csv.WriteField("tidspunkt");
            csv.WriteField("medarbejder");
            csv.WriteField("brugernavn");
            csv.WriteField("organisation");
            csv.WriteField("roller");
            csv.WriteField("handling");
            csv.WriteField("oplysninger");
            csv.WriteField("id");
            csv.WriteField("resultat");
            csv.WriteField("begrundelse");
            csv.WriteField("ip");
            await csv.NextRecordAsync();
            await foreach (var e in Trail(id).AsAsyncEnumerable())
            {
                csv.WriteField(Show.DateTime(e.At));
                csv.WriteField(e.UserDisplayName);
                csv.WriteField(e.Username);
                csv.WriteField(e.OrganizationName);
                csv.WriteField(e.Roles);
                csv.WriteField(e.Action);
                csv.WriteField(e.DataKind);
                csv.WriteField(e.DataId);
                csv.WriteField(e.Outcome == AuditOutcome.Allowed ? "tilladt" : "afvist");
                csv.WriteField(e.Rule);
                csv.WriteField(e.IpAddress);
                await csv.NextRecordAsync();
            }
        }

        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"logning-{Cpr}.csv");
    }

    private IQueryable<AuditEntry> Trail(Guid id) =>
        db.AuditEntries.AsNoTracking().Where(e => e.PatientId == id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    private async Task<bool> AllowedAsync(Guid id, string action)
    {
        if (!(await guard.CheckAsync(id, DataKind.AuditTrail, AccessMode.Read, action, ct: HttpContext.RequestAborted)).Allowed)
        {
            return false;
        }

        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == id, HttpContext.RequestAborted);
        PatientId = id;
        PatientName = patient.FullName;
        Cpr = CprNumber.Parse(patient.Cpr).ToDisplayString();
        return true;
    }
}
