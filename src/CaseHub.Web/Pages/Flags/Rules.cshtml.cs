using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Web.Pages.Flags;

/// <summary>Administrators see the rules with their open flags and run any of them on demand.</summary>
[Authorize(Policy = AuthenticationSetup.AdministratorPolicy)]
public class RulesModel(FlagEvaluator evaluator, CaseHubDbContext db, IOptions<FlagSettings> settings) : PageModel
{
    public sealed record RuleLine(string Id, string Name, int Open);

    public IReadOnlyList<RuleLine> Rules { get; private set; } = [];

    public int IntervalMinutes => settings.Value.IntervalMinutes;

    public string? Message { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync(string? rule)
    {
        if (rule is not null && evaluator.Rules.All(r => r.Id != rule))
        {
            return BadRequest();
        }

        var runs = await evaluator.EvaluateAsync(rule is null ? null : [rule], ct: HttpContext.RequestAborted);
        Message = $"Kørt: {runs.Count} regel(er). {runs.Sum(r => r.Raised)} nye flag, {runs.Sum(r => r.Resolved)} løst af sig selv, {runs.Sum(r => r.Open)} åbne.";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var open = await db.Flags.Where(f => f.ResolvedAt == null).GroupBy(f => f.Rule)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, HttpContext.RequestAborted);
        Rules = evaluator.Rules.Select(r => new RuleLine(r.Id, r.Name, open.GetValueOrDefault(r.Id))).ToList();
    }
}
