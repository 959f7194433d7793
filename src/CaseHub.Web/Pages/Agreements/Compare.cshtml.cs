using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>Two versions of one document side by side, section by section, with the changed fields marked.</summary>
public class CompareModel(DocumentAccess access) : PageModel
{
    public sealed record Line(string Label, string? Older, string? Newer)
    {
        public bool Changed => Older != Newer;
    }

    public sealed record Part(string Title, IReadOnlyList<Line> Lines);

    public CareDocument Older { get; private set; } = default!;

    public CareDocument Newer { get; private set; } = default!;

    public IReadOnlyList<Part> Parts { get; private set; } = [];

    public int ChangedCount => Parts.Sum(p => p.Lines.Count(l => l.Changed));

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? with)
    {
        var ct = HttpContext.RequestAborted;
        var decision = await access.CheckAsync(id, AccessMode.Read, "document.compare", ct);
        if (decision is null)
        {
            return NotFound();
        }

        if (!decision.Allowed)
        {
            return Forbid();
        }

        var first = await access.LoadAsync(id, ct);
        var otherId = with ?? first.PreviousVersionId;
        if (otherId is null || otherId == id)
        {
            return NotFound();
        }

        var otherDecision = await access.CheckAsync(otherId.Value, AccessMode.Read, "document.compare", ct);
        if (otherDecision is null)
        {
            return NotFound();
        }

        if (!otherDecision.Allowed)
        {
            return Forbid();
        }

        var second = await access.LoadAsync(otherId.Value, ct);
        if (second.SeriesId != first.SeriesId)
        {
            return NotFound();
        }

        (Older, Newer) = first.Revision < second.Revision ? (first, second) : (second, first);
        var parts = DocumentSections.For(Newer.Kind)
            .Select(s => new Part(s.Title, s.FieldsFor(Newer.Kind).Select(f => new Line(f.Label, f.Display(Older), f.Display(Newer))).ToList()))
            .ToList();
        parts.Insert(1, new Part("Deltagere", Lines(Older.Participants.Select(Participant), Newer.Participants.Select(Participant))));
        parts.Add(new Part("Aftalte indsatser", Lines(Older.Actions.Select(Action), Newer.Actions.Select(Action))));
        Parts = parts;
        return Page();
    }

    private static string Participant(DocumentParticipant p) =>
        $"{p.Role.Danish()}: {p.Name}{(p.Organization is null ? "" : $", {p.Organization}")}{(p.Contact is null ? "" : $", {p.Contact}")}";

    private static string Action(AgreedAction a) =>
        $"{a.What} – {a.ResponsibleOrganization}{(a.ResponsiblePerson is null ? "" : $", {a.ResponsiblePerson}")}, frist {a.DueOn?.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "–"}, {a.Status.Danish()}";

    /// <summary>Lists compare as sets: an entry is unchanged when the same text is in both versions.</summary>
    private static List<Line> Lines(IEnumerable<string> older, IEnumerable<string> newer)
    {
        var o = older.Order(StringComparer.Ordinal).ToList();
        var n = newer.Order(StringComparer.Ordinal).ToList();
        return o.Intersect(n).Select(x => new Line(string.Empty, x, x))
            .Concat(o.Except(n).Select(x => new Line(string.Empty, x, null)))
            .Concat(n.Except(o).Select(x => new Line(string.Empty, null, x)))
            .ToList();
    }
}
