using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Web.Access;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Access;

/// <summary>The administrator's review list of nødadgange: who, when, why; each can be marked reviewed (audited).</summary>
[Authorize(Policy = AuthenticationSetup.AdministratorPolicy)]
public class ReviewsModel(PatientGuard guard, EmergencyAccessService emergency, CaseHubDbContext db, AuditLog audit) : PageModel
{
    public sealed record Row(
        Guid Id, int Version, Guid PatientId, string PatientName, string Username, string UserDisplayName, string OrganizationName,
        DateTime GrantedAt, DateTime ExpiresAt, string Reason, DateTime? ReviewedAt, string? ReviewedByName, string? ReviewNote);

    public IReadOnlyList<Row> Open { get; private set; } = [];

    public IReadOnlyList<Row> Reviewed { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostReviewAsync(Guid id, int version, string? note)
    {
        var outcome = await emergency.ReviewAsync(guard.User, id, version, note, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (_, message) in outcome.Errors)
            {
                ModelState.AddModelError(string.Empty, message);
            }

            db.ChangeTracker.Clear();
            await LoadAsync();
            return Page();
        }

        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var mine = emergency.ForReviewer(guard.User).AsNoTracking();
        Open = await RowsAsync(mine.Where(e => e.ReviewedAt == null).OrderBy(e => e.GrantedAt).Take(500), ct);
        Reviewed = await RowsAsync(mine.Where(e => e.ReviewedAt != null).OrderByDescending(e => e.ReviewedAt).Take(50), ct);

        // The list names patients: a read of their audit trail for the review.
        await audit.RecordListAsync(guard.User, DataKind.AuditTrail, Open.Concat(Reviewed).Select(r => r.PatientId).Distinct(), ct);
    }

    private Task<List<Row>> RowsAsync(IQueryable<EmergencyAccess> accesses, CancellationToken ct) =>
        accesses.Select(e => new Row(
                e.Id, e.Version, e.PatientId,
                db.Patients.Where(p => p.Id == e.PatientId).Select(p => p.GivenName + " " + p.FamilyName).First(),
                e.Username, e.UserDisplayName, e.OrganizationName, e.GrantedAt, e.ExpiresAt, e.Reason, e.ReviewedAt, e.ReviewedByName, e.ReviewNote))
            .ToListAsync(ct);
}
