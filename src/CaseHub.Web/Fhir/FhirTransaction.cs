using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CaseHub.Web.Fhir;

/// <summary>
/// A handler's own database transaction, or none when one is already open: a transaction Bundle wraps every entry
/// in one transaction, and a handler that committed on its own would let part of the Bundle escape its rollback.
/// </summary>
public sealed class FhirTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? owned;

    private FhirTransaction(IDbContextTransaction? owned) => this.owned = owned;

    /// <summary>Begins a transaction unless the context is already in one (then commit and dispose leave it to its owner).</summary>
    public static async Task<FhirTransaction> BeginAsync(DbContext db, CancellationToken ct) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);

    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
