using System.Data.Common;
using System.Diagnostics;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Indicators;

/// <summary>Upload of population, register and admissions extracts, and the "Beregn" button.</summary>
[Authorize(Policy = AuthenticationSetup.AnalystPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes)]
public class ImportModel(CaseHubDbContext db, IndicatorImport import, ComputeIndicators compute) : PageModel
{
    /// <summary>A national register year is about 10 MB; leave room for several years in one file.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    private const string Busy = "En anden import eller beregning skrev til de samme tal samtidig, så intet er gemt. Prøv igen om lidt.";

    public ImportResult? Result { get; private set; }

    public string? ResultFile { get; private set; }

    public TimeSpan? Elapsed { get; private set; }

    public ComputeSummary? Computed { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyDictionary<ImportKind, int> Stored { get; private set; } = new Dictionary<ImportKind, int>();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostImportAsync(ImportKind kind, IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            Error = $"Vælg en CSV-fil med {IndicatorImport.Danish(kind).ToLowerInvariant()}.";
        }
        else
        {
            var started = Stopwatch.GetTimestamp();
            await using var stream = file.OpenReadStream();
            try
            {
                Result = await import.ImportAsync(kind, stream, HttpContext.RequestAborted);
                ResultFile = file.FileName;
                Elapsed = Stopwatch.GetElapsedTime(started);
            }
            catch (DbException)
            {
                // The transaction was rolled back: typically the same rows arriving from another import at once.
                Error = Busy;
            }
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostComputeAsync()
    {
        try
        {
            Computed = await compute.RunAsync(HttpContext.RequestAborted);
        }
        catch (IndicatorComputationException e)
        {
            Error = e.Message;
        }
        catch (DbException)
        {
            // Two computations at once (the button and the nightly job) collide on the unique key; one of them wins.
            Error = Busy;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Stored = new Dictionary<ImportKind, int>
        {
            [ImportKind.Population] = await db.PopulationCounts.CountAsync(ct),
            [ImportKind.Register] = await db.RegisterMeasures.CountAsync(ct),
            [ImportKind.Admissions] = await db.AdmissionExtractRows.CountAsync(ct),
        };
    }
}
