using CaseHub.Core.Access;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Teams;

/// <summary>Patientens Team: members of both sectors and the patient's own people, and the stafetholders.</summary>
public class IndexModel(PatientGuard guard, CaseHubDbContext db, TeamService team) : PageModel
{
    public sealed class StaffInput
    {
        public Guid? StaffUserId { get; set; }

        public string? Function { get; set; }
    }

    public sealed class ExternalInput
    {
        public TeamRole? Role { get; set; }

        public string? Name { get; set; }

        public string? Function { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }
    }

    public sealed class StafetInput
    {
        public Guid? RegionMemberId { get; set; }

        public Guid? MunicipalityMemberId { get; set; }
    }

    [BindProperty]
    public StaffInput Staff { get; set; } = new();

    [BindProperty]
    public ExternalInput External { get; set; } = new();

    [BindProperty]
    public StafetInput Stafet { get; set; } = new();

    public Guid PatientId { get; private set; }

    public string PatientName { get; private set; } = string.Empty;

    public IReadOnlyList<TeamMember> Members { get; private set; } = [];

    public IReadOnlyList<Stafetholder> History { get; private set; } = [];

    public IReadOnlyList<SelectListItem> StaffChoices { get; private set; } = [];

    public Stafetholder? Current(Sector sector) => History.FirstOrDefault(h => h.Sector == sector && h.IsActive);

    public IEnumerable<SelectListItem> MembersOf(Sector sector) =>
        Members.Where(m => m.Sector == sector).Select(m => new SelectListItem($"{m.Name} ({m.Organization!.Name})", m.Id.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid patientId)
    {
        if (!(await guard.CheckAsync(patientId, DataKind.Team, AccessMode.Read, "team.read", ct: HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        await LoadAsync(patientId);
        Stafet.RegionMemberId = Current(Sector.Region)?.TeamMemberId;
        Stafet.MunicipalityMemberId = Current(Sector.Municipality)?.TeamMemberId;
        return Page();
    }

    public Task<IActionResult> OnPostAddStaffAsync(Guid patientId) => WriteAsync(patientId, "team.member.add", nameof(Staff), () =>
        team.AddStaffAsync(guard.User, patientId, Staff.StaffUserId, Staff.Function, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAddExternalAsync(Guid patientId) => WriteAsync(patientId, "team.member.add", nameof(External), () =>
        team.AddExternalAsync(guard.User, patientId, External.Role, External.Name, External.Function, External.Phone, External.Email, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRemoveAsync(Guid patientId, Guid memberId, int version) => WriteAsync(patientId, "team.member.remove", string.Empty, () =>
        team.RemoveAsync(patientId, memberId, version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostStafetholderAsync(Guid patientId, Sector sector) => WriteAsync(patientId, "team.stafetholder", nameof(Stafet), () =>
        team.AssignStafetholderAsync(guard.User, patientId, sector,
            sector == Sector.Region ? Stafet.RegionMemberId : Stafet.MunicipalityMemberId, HttpContext.RequestAborted));

    private async Task<IActionResult> WriteAsync<T>(Guid patientId, string action, string prefix, Func<Task<Core.Common.Outcome<T>>> change)
    {
        if (!(await guard.CheckAsync(patientId, DataKind.Team, AccessMode.Write, action, ct: HttpContext.RequestAborted)).Allowed)
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
        PatientName = await db.Patients.Where(p => p.Id == patientId).Select(p => p.GivenName + " " + p.FamilyName).FirstAsync(ct);
        Members = await db.TeamMembers.AsNoTracking().Include(m => m.Organization)
            .Where(m => m.PatientId == patientId && m.RemovedAt == null)
            .OrderBy(m => m.Role).ThenBy(m => m.Name)
            .ToListAsync(ct);
        History = await db.Stafetholders.AsNoTracking().Include(s => s.TeamMember).ThenInclude(m => m!.Organization)
            .Where(s => s.PatientId == patientId)
            .OrderByDescending(s => s.From)
            .ToListAsync(ct);
        var members = Members.Where(m => m.StaffUserId != null).Select(m => m.StaffUserId).ToList();
        var staff = await db.StaffUsers.AsNoTracking().Include(s => s.Organization)
            .Where(s => !members.Contains(s.Id))
            .OrderBy(s => s.Organization!.Name).ThenBy(s => s.Name)
            .ToListAsync(ct);
        StaffChoices = staff
            .Where(s => s.Roles.Any(r => r is Roles.PsychiatryContactPerson or Roles.MunicipalCaseworker or Roles.HouseCoordinator))
            .Select(s => new SelectListItem($"{s.Name}, {s.Title} – {s.Organization!.Name}", s.Id.ToString()))
            .ToList();
    }
}
