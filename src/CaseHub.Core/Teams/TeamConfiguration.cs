using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Teams;

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.Name).HasMaxLength(200);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne(m => m.Patient).WithMany().HasForeignKey(m => m.PatientId);
        b.HasOne(m => m.StaffUser).WithMany().HasForeignKey(m => m.StaffUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.PatientId, m.RemovedAt });
        b.HasIndex(m => new { m.StaffUserId, m.RemovedAt });
        b.Ignore(m => m.IsActive);
        b.Ignore(m => m.Sector);
    }
}

internal sealed class StafetholderConfiguration : IEntityTypeConfiguration<Stafetholder>
{
    public void Configure(EntityTypeBuilder<Stafetholder> b)
    {
        b.Property(s => s.Sector).HasConversion<string>().HasMaxLength(32);
        b.Property(s => s.ActiveSector).HasConversion<string>().HasMaxLength(32);
        b.HasOne<Patients.Patient>().WithMany().HasForeignKey(s => s.PatientId);
        b.HasOne(s => s.TeamMember).WithMany().HasForeignKey(s => s.TeamMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.PatientId, s.ActiveSector }).IsUnique();
        b.Ignore(s => s.IsActive);
    }
}
