using System.Security.Cryptography;
using System.Text;
using CaseHub.Core.Data;
using CaseHub.Core.Fhir;
using CaseHub.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Fhir.History;

/// <summary>A version that could not be appended because another writer got there first (a stale If-Match).</summary>
public sealed class VersionConflictException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Versions for vread and _history, provider-neutral. The domain is the truth: a resource is mapped from it, and
/// when its content (without meta) differs from the latest stored version, a new version is appended. Writes through
/// the API append inside their transaction with the expected version, and the unique (type, id, version) index
/// refuses a second writer from the same version. Changes made in the UI become a version when the API next sees them.
/// </summary>
public sealed class ResourceHistory(CaseHubDbContext db, TimeProvider clock, FhirSerialization serialization)
{
    /// <summary>The resource stamped with its current version, appending one when the domain changed it.</summary>
    /// <param name="resource">The resource as the domain maps it now.</param>
    /// <param name="patientId">Whose data it is, if anyone's.</param>
    /// <param name="changedAt">When the domain last changed it, if the domain knows (e.g. Patient.UpdatedAt).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<FhirResourceVersion> CurrentAsync(Resource resource, Guid? patientId, DateTime? changedAt = null, CancellationToken ct = default)
    {
        var hash = Hash(resource);
        var latest = await LatestAsync(resource.TypeName, resource.Id!, ct);
        if (latest?.ContentHash == hash)
        {
            Stamp(resource, latest);
            return latest;
        }

        try
        {
            // The domain's own change time when it is newer than the last version, so meta.lastUpdated and the
            // _lastUpdated search agree; otherwise now (the change was made without touching that time).
            var at = changedAt is { } changed && (latest is null || changed > latest.LastUpdated) ? changed : (DateTime?)null;
            return await AppendAsync(resource, patientId, latest?.VersionId ?? 0, at, ct);
        }
        catch (VersionConflictException)
        {
            // Another request appended the same change a moment ago; use its version.
            latest = await LatestAsync(resource.TypeName, resource.Id!, ct);
            Stamp(resource, latest!);
            return latest!;
        }
    }

    /// <summary>Appends the next version after <paramref name="expectedVersion"/>; throws when that is no longer the latest.</summary>
    public async Task<FhirResourceVersion> AppendAsync(Resource resource, Guid? patientId, int expectedVersion, DateTime? changedAt = null, CancellationToken ct = default)
    {
        var now = changedAt ?? clock.GetUtcNow().UtcDateTime;
        var row = new FhirResourceVersion
        {
            ResourceType = resource.TypeName,
            ResourceId = resource.Id!,
            VersionId = expectedVersion + 1,
            LastUpdated = now,
            PatientId = patientId,
            ContentHash = Hash(resource),
            Json = string.Empty,
        };
        Stamp(resource, row);
        row.Json = serialization.Serialize(resource);
        db.FhirResourceVersions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            db.Entry(row).State = EntityState.Detached;
            throw new VersionConflictException($"{resource.TypeName}/{resource.Id} is no longer at version {expectedVersion}.", e);
        }

        return row;
    }

    /// <summary>
    /// For resources that never change (an audit entry): version 1 at the time it was made, not stored, so the audit
    /// trail is not copied into the history table.
    /// </summary>
    public FhirResourceVersion Immutable(Resource resource, DateTime at)
    {
        var version = new FhirResourceVersion
        {
            ResourceType = resource.TypeName,
            ResourceId = resource.Id!,
            VersionId = 1,
            LastUpdated = at,
            ContentHash = string.Empty,
            Json = string.Empty,
        };
        Stamp(resource, version);
        version.Json = serialization.Serialize(resource);
        return version;
    }

    public Task<FhirResourceVersion?> LatestAsync(string type, string id, CancellationToken ct = default) =>
        db.FhirResourceVersions.AsNoTracking()
            .Where(v => v.ResourceType == type && v.ResourceId == id)
            .OrderByDescending(v => v.VersionId)
            .FirstOrDefaultAsync(ct);

    public Task<FhirResourceVersion?> VersionAsync(string type, string id, int versionId, CancellationToken ct = default) =>
        db.FhirResourceVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.ResourceType == type && v.ResourceId == id && v.VersionId == versionId, ct);

    /// <summary>All versions, newest first.</summary>
    public Task<List<FhirResourceVersion>> HistoryAsync(string type, string id, CancellationToken ct = default) =>
        db.FhirResourceVersions.AsNoTracking()
            .Where(v => v.ResourceType == type && v.ResourceId == id)
            .OrderByDescending(v => v.VersionId)
            .ToListAsync(ct);

    private static void Stamp(Resource resource, FhirResourceVersion version)
    {
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = version.VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(version.LastUpdated, DateTimeKind.Utc));
    }

    private string Hash(Resource resource)
    {
        var copy = (Resource)resource.DeepCopy();
        if (copy.Meta is { } meta)
        {
            meta.VersionId = null;
            meta.LastUpdated = null;
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(serialization.Serialize(copy))));
    }
}
