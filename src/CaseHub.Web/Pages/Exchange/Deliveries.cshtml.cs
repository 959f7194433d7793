using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Exchange;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Exchange;

/// <summary>
/// Leverancer: administrators see what the outbox delivers to counterparts (failed first, with the error) and what
/// the inbound endpoint refused, and send a failed delivery again. No names or CPR numbers: documents by id.
/// </summary>
[Authorize(Policy = AuthenticationSetup.AdministratorPolicy)]
public class DeliveriesModel(CaseHubDbContext db, AuditLog audit, CurrentUserAccessor current, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Receiver, string ReceiverCode, Guid DocumentId, int DocumentVersion, DeliveryStatus Status,
        int Attempts, DateTime CreatedAt, DateTime NextAttemptAt, DateTime? DeliveredAt, string? LastError, string ResourceType)
    {
        /// <summary>How the receiver gets it: another CaseHub, or a MedCom correspondence message (no CaseHub).</summary>
        public string Format => ResourceType == OutboxMessage.CareCommunicationType ? "Korrespondancemeddelelse (MedCom)" : "CaseHub";
    }

    public IReadOnlyList<Row> Failed { get; private set; } = [];

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public IReadOnlyList<Row> Delivered { get; private set; } = [];

    public IReadOnlyList<InboundRejection> Rejections { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Failed = await RowsAsync(DeliveryStatus.Failed, 200, ct);
        Pending = await RowsAsync(DeliveryStatus.Pending, 200, ct);
        Delivered = await RowsAsync(DeliveryStatus.Delivered, 50, ct);
        Rejections = await db.InboundRejections.AsNoTracking().OrderByDescending(r => r.At).Take(100).ToListAsync(ct);
    }

    /// <summary>"Send igen": the failed delivery becomes due now with a fresh set of attempts; audited.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var patientId = await db.OutboxMessages.Where(m => m.Id == id).Select(m => (Guid?)m.PatientId).FirstOrDefaultAsync(ct);
        var resent = await DeliverOutbox.ResendAsync(db, id, clock.GetUtcNow().UtcDateTime, ct);
        if (resent)
        {
            await audit.RecordAsync(current.User, "exchange.resend", DataKind.Document, id.ToString(), patientId,
                new AccessDecision(true, "administrator-resends-delivery"), ct);
        }

        Message = resent
            ? "Leverancen sendes igen ved næste kørsel (inden for et minut)."
            : "Leverancen kunne ikke sendes igen: den findes ikke eller er ikke fejlet.";
        return RedirectToPage();
    }

    private Task<List<Row>> RowsAsync(DeliveryStatus status, int take, CancellationToken ct) =>
        db.OutboxMessages.AsNoTracking().Where(m => m.Status == status)
            .OrderByDescending(m => m.CreatedAt).Take(take)
            .Select(m => new Row(m.Id, m.ReceiverName, m.ReceiverCode, m.DocumentId, m.DocumentVersion, m.Status, m.Attempts,
                m.CreatedAt, m.NextAttemptAt, m.DeliveredAt, m.LastError, m.ResourceType))
            .ToListAsync(ct);
}
