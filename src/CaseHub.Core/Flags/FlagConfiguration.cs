using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Flags;

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> b)
    {
        b.Property(f => f.Rule).HasMaxLength(64);
        b.Property(f => f.SubjectKind).HasMaxLength(32);
        b.Property(f => f.Summary).HasMaxLength(400);
        b.Property(f => f.DismissReason).HasMaxLength(1000);
        b.Property(f => f.Version).IsConcurrencyToken();

        // The idempotency key: one flag per rule and subject, whatever runs the rules and how often.
        b.HasIndex(f => new { f.Rule, f.SubjectId }).IsUnique();
        b.HasIndex(f => new { f.OwnerOrganizationId, f.ResolvedAt });
        b.HasIndex(f => new { f.WatcherOrganizationId, f.ResolvedAt });
        b.HasIndex(f => new { f.PatientId, f.ResolvedAt });
        // An evaluation after a notification reads one rule's flags of one patient; without it SQLite scanned every
        // flag of the rule through (Rule, SubjectId): 60 ms per notification at national scale (docs/performance.md).
        b.HasIndex(f => new { f.PatientId, f.Rule, f.ResolvedAt });
        b.HasOne(f => f.Patient).WithMany().HasForeignKey(f => f.PatientId);
        b.HasOne(f => f.OwnerOrganization).WithMany().HasForeignKey(f => f.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(f => f.IsOpen);
        b.Ignore(f => f.IsDismissed);
    }
}
