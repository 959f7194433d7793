using CaseHub.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.FollowUps;

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> b)
    {
        b.Property(t => t.Description).HasMaxLength(1000);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne(t => t.Patient).WithMany().HasForeignKey(t => t.PatientId);
        b.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.OwnerOrganization).WithMany().HasForeignKey(t => t.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.OwnerUser).WithMany().HasForeignKey(t => t.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.OwnerOrganizationId, t.CompletedAt, t.DueDate });
        b.HasIndex(t => new { t.OwnerUserId, t.CompletedAt });
        b.HasIndex(t => t.PatientId);
        b.Ignore(t => t.IsOpen);
    }
}
