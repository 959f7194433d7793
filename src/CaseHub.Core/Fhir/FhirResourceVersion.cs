using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Fhir;

/// <summary>
/// One version of a resource as the FHIR API served or stored it, for vread and _history. The domain tables stay the
/// source of truth; a new row is appended whenever the resource the domain maps to differs from the latest row.
/// </summary>
public class FhirResourceVersion
{
    public long Id { get; set; }

    /// <summary>The FHIR resource type, e.g. <c>Patient</c>.</summary>
    public required string ResourceType { get; set; }

    /// <summary>The logical id (the domain entity's id).</summary>
    public required string ResourceId { get; set; }

    /// <summary>1, 2, 3... per resource; unique with type and id, which is what makes concurrent writers safe.</summary>
    public int VersionId { get; set; }

    public DateTime LastUpdated { get; set; }

    /// <summary>The patient the resource belongs to, for access checks on history without parsing the JSON.</summary>
    public Guid? PatientId { get; set; }

    /// <summary>SHA-256 of the resource without its meta, to tell a real change from the same content.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The resource as FHIR JSON, including meta.versionId and meta.lastUpdated.</summary>
    public required string Json { get; set; }
}

internal sealed class FhirResourceVersionConfiguration : IEntityTypeConfiguration<FhirResourceVersion>
{
    public void Configure(EntityTypeBuilder<FhirResourceVersion> b)
    {
        b.Property(v => v.ResourceType).HasMaxLength(64);
        b.Property(v => v.ResourceId).HasMaxLength(64);
        b.Property(v => v.ContentHash).HasMaxLength(64);

        // Unbounded: a resource's JSON has no natural limit (nvarchar(max) on SQL Server, TEXT on SQLite).
        b.Property(v => v.Json).Metadata.SetMaxLength(null);
        b.HasIndex(v => new { v.ResourceType, v.ResourceId, v.VersionId }).IsUnique();
        b.HasIndex(v => v.PatientId);
    }
}
