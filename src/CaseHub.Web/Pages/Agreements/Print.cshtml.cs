using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Patients;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>A clean copy for the patient: every section, the participants, the actions and both sectors' sign-off.</summary>
public class PrintModel(DocumentAccess access) : PageModel
{
    public CareDocument Document { get; private set; } = default!;

    public string Cpr { get; private set; } = string.Empty;

    public DocumentEvent? SentEvent { get; private set; }

    public DocumentEvent? AcceptedEvent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var decision = await access.CheckAsync(id, AccessMode.Read, "document.print", HttpContext.RequestAborted);
        if (decision is null)
        {
            return NotFound();
        }

        if (!decision.Allowed)
        {
            return Forbid();
        }

        Document = await access.LoadAsync(id, HttpContext.RequestAborted);
        Cpr = CprNumber.Parse(Document.Patient!.Cpr).ToDisplayString();
        SentEvent = Document.Events.Where(e => e.Kind == DocumentEvents.Sent).MaxBy(e => e.At);
        AcceptedEvent = Document.Events.Where(e => e.Kind == DocumentEvents.Accepted).MaxBy(e => e.At);
        return Page();
    }
}
