using CaseHub.Core.Access;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Flags;

/// <summary>
/// The owning organization dismisses an open flag with a reason; it stays dismissed. Callers have checked access
/// (DataKind.Case, write) through the patient guard. Used by the Afvis page and the FHIR API alike.
/// </summary>
public sealed class FlagDismissal(CaseHubDbContext db, TimeProvider clock)
{
    public async Task<Outcome<Flag>> DismissAsync(CurrentUser user, Guid flagId, int version, string? reason, CancellationToken ct = default)
    {
        var flag = await db.Flags.FirstOrDefaultAsync(f => f.Id == flagId, ct);
        var errors = new FieldErrors()
            .Add(string.Empty, "Flaget findes ikke.", flag is null)
            .Add(string.Empty, "Kun den organisation, der skal handle, kan afvise flaget.", flag is not null && flag.OwnerOrganizationId != user.OrganizationId)
            .Add("Reason", "Skriv hvorfor flaget afvises.", string.IsNullOrWhiteSpace(reason));
        if (errors.Any)
        {
            return Outcome<Flag>.Fail(errors);
        }

        if (flag!.Version != version || flag.ResolvedAt is not null)
        {
            return Outcome<Flag>.Fail("Version", "Flaget er ændret eller løst, siden du åbnede det. Se arbejdslisten igen.");
        }

        db.Entry(flag).Property(f => f.Version).OriginalValue = version;
        flag.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        flag.ResolvedBy = user.Name;
        flag.DismissedByUserId = user.UserId;
        flag.DismissReason = reason!.Trim();
        flag.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Flag>.Fail("Version", "Flaget er ændret, siden du åbnede det. Se arbejdslisten igen.");
        }

        return Outcome<Flag>.Ok(flag);
    }
}
