using CaseHub.Core.Access;
using CaseHub.Core.Consents;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using CaseHub.Web.Access;
using CaseHub.Web.Pages.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.House;

/// <summary>A Psykiatriens Hus coordinator records the cross-sector consent and starts and ends the forløb.</summary>
public class CourseModel(PatientGuard guard, CaseHubDbContext db, HouseCourseService service) : PageModel
{
    public sealed class ConsentInput
    {
        public DateOnly? GivenOn { get; set; }

        public string? Scope { get; set; }

        public DateOnly? ValidUntil { get; set; }
    }

    public sealed class WithdrawInput
    {
        public DateOnly? WithdrawnOn { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class StartInput
    {
        public DateOnly? RegionReferralConfirmedOn { get; set; }

        public DateOnly? MunicipalityReferralConfirmedOn { get; set; }

        public DateOnly? StartDate { get; set; }

        public Guid? RegionMemberId { get; set; }

        public Guid? MunicipalityMemberId { get; set; }
    }

    public sealed class EndInput
    {
        public DateOnly? EndDate { get; set; }

        public string? EndReason { get; set; }
    }

    [BindProperty]
    public ConsentInput Consent { get; set; } = new();

    [BindProperty]
    public WithdrawInput Withdraw { get; set; } = new();

    [BindProperty]
    public StartInput Start { get; set; } = new();

    [BindProperty]
    public EndInput End { get; set; } = new();

    public Guid PatientId { get; private set; }

    public string PatientName { get; private set; } = string.Empty;

    public CrossSectorConsent? ActiveConsent { get; private set; }

    public IReadOnlyList<CrossSectorConsent> Consents { get; private set; } = [];

    public HouseCourse? ActiveCourse { get; private set; }

    public IReadOnlyList<HouseCourse> Courses { get; private set; } = [];

    public IReadOnlyList<SelectListItem> RegionStaff { get; private set; } = [];

    public IReadOnlyList<SelectListItem> MunicipalityStaff { get; private set; } = [];

    public bool IsCoordinator { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId)
    {
        if (!(await guard.CheckAsync(patientId, DataKind.Consent, AccessMode.Read, "consent.read", ct: HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        await LoadAsync(patientId);
        return Page();
    }

    public Task<IActionResult> OnPostConsentAsync(Guid patientId) => WriteAsync(patientId, "consent.record", nameof(Consent), () =>
        service.RecordConsentAsync(guard.User, patientId, Consent.GivenOn, Consent.Scope, Consent.ValidUntil, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostWithdrawAsync(Guid patientId, Guid consentId, int version) => WriteAsync(patientId, "consent.withdraw", nameof(Withdraw), () =>
        service.WithdrawConsentAsync(guard.User, patientId, consentId, version, Withdraw.WithdrawnOn, Withdraw.Reason, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostStartAsync(Guid patientId) => WriteAsync(patientId, "house-course.start", nameof(Start), () =>
        service.StartCourseAsync(guard.User, patientId, new HouseCourseService.StartCommand(
            Start.RegionReferralConfirmedOn, Start.MunicipalityReferralConfirmedOn, Start.StartDate, Start.RegionMemberId, Start.MunicipalityMemberId),
            HttpContext.RequestAborted));

    public Task<IActionResult> OnPostEndAsync(Guid patientId, Guid courseId, int version) => WriteAsync(patientId, "house-course.end", nameof(End), () =>
        service.EndCourseAsync(guard.User, patientId, courseId, version, End.EndDate, End.EndReason, HttpContext.RequestAborted));

    private async Task<IActionResult> WriteAsync<T>(Guid patientId, string action, string prefix, Func<Task<Core.Common.Outcome<T>>> change)
    {
        if (!(await guard.CheckAsync(patientId, DataKind.Consent, AccessMode.Write, action, ct: HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        if (ModelState.BindingIsValid())
        {
            var outcome = await change();
            if (outcome.Succeeded)
            {
                return RedirectToPage(new { patientId });
            }

            ModelState.AddErrors(prefix, outcome.Errors);
        }

        await LoadAsync(patientId);
        return Page();
    }

    private async Task LoadAsync(Guid patientId)
    {
        var ct = HttpContext.RequestAborted;
        PatientId = patientId;
        IsCoordinator = HouseCourseService.IsHouseCoordinator(guard.User);
        PatientName = await db.Patients.Where(p => p.Id == patientId).Select(p => p.GivenName + " " + p.FamilyName).FirstAsync(ct);
        Consents = await db.CrossSectorConsents.AsNoTracking().Where(c => c.PatientId == patientId)
            .OrderByDescending(c => c.GivenOn).ToListAsync(ct);
        ActiveConsent = await service.ActiveConsentAsync(patientId, ct);
        Courses = await db.HouseCourses.AsNoTracking().Include(c => c.House).Where(c => c.PatientId == patientId)
            .OrderByDescending(c => c.StartDate).ToListAsync(ct);
        ActiveCourse = Courses.FirstOrDefault(c => c.IsActive);
        var staff = await db.TeamMembers.AsNoTracking().Include(m => m.Organization)
            .Where(m => m.PatientId == patientId && m.RemovedAt == null && m.StaffUserId != null).ToListAsync(ct);
        RegionStaff = Choices(staff, Sector.Region);
        MunicipalityStaff = Choices(staff, Sector.Municipality);
        if (ActiveCourse is null && Start.RegionMemberId is null && Start.MunicipalityMemberId is null)
        {
            var holders = await db.Stafetholders.AsNoTracking().Where(s => s.PatientId == patientId && s.To == null).ToListAsync(ct);
            Start.RegionMemberId = holders.FirstOrDefault(h => h.Sector == Sector.Region)?.TeamMemberId;
            Start.MunicipalityMemberId = holders.FirstOrDefault(h => h.Sector == Sector.Municipality)?.TeamMemberId;
        }
    }

    private static List<SelectListItem> Choices(List<TeamMember> staff, Sector sector) =>
        staff.Where(m => m.Sector == sector).Select(m => new SelectListItem($"{m.Name} ({m.Organization!.Name})", m.Id.ToString())).ToList();
}
