using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Data;
using CaseHub.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>Finds a document's patient and asks the guard, so every agreement page checks and audits the same way.</summary>
public sealed class DocumentAccess(CaseHubDbContext db, PatientGuard guard)
{
    /// <summary>Null when the document does not exist; otherwise the guard's decision (already audited).</summary>
    public async Task<AccessDecision?> CheckAsync(Guid documentId, AccessMode mode, string action, CancellationToken ct)
    {
        var patientId = await db.CareDocuments.Where(d => d.Id == documentId).Select(d => (Guid?)d.PatientId).FirstOrDefaultAsync(ct);
        return patientId is null ? null : await guard.CheckAsync(patientId.Value, DataKind.Document, mode, action, documentId.ToString(), ct);
    }

    /// <summary>The document with everything the pages show, read-only.</summary>
    public Task<CareDocument> LoadAsync(Guid documentId, CancellationToken ct) =>
        db.CareDocuments.AsNoTracking()
            .Include(d => d.Patient)
            .Include(d => d.Admission)
            .Include(d => d.AuthoringWard)
            .Include(d => d.ReceivingMunicipality)
            .Include(d => d.Participants)
            .Include(d => d.Actions)
            .Include(d => d.Events)
            .AsSplitQuery()
            .FirstAsync(d => d.Id == documentId, ct);
}
