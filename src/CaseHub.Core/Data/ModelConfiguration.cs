using CaseHub.Core.Admissions;
using CaseHub.Core.Audit;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Code).HasMaxLength(32);
        b.HasIndex(o => new { o.Kind, o.Code }).IsUnique();
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(o => o.Sector);
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.HasIndex(u => u.Username).IsUnique();
        b.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.Roles)
            .HasConversion(
                roles => string.Join(',', roles),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>(
                    (a, c) => a!.SequenceEqual(c!),
                    v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
                    v => v.ToList()))
            .HasMaxLength(200);
    }
}

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> b)
    {
        b.Property(p => p.Cpr).HasMaxLength(10).IsFixedLength();
        b.HasIndex(p => p.Cpr).IsUnique();
        b.HasIndex(p => p.MunicipalityId);
        b.HasOne(p => p.Municipality).WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.FullName);
    }
}

internal sealed class AdmissionConfiguration : IEntityTypeConfiguration<Admission>
{
    public void Configure(EntityTypeBuilder<Admission> b)
    {
        b.Property(a => a.LegalBasis).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.TargetGroupMarking).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.TargetGroupReason).HasMaxLength(1000);
        b.HasOne(a => a.Patient).WithMany(p => p.Admissions).HasForeignKey(a => a.PatientId);
        b.HasOne(a => a.Ward).WithMany().HasForeignKey(a => a.WardId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.WardId, a.End });
        b.HasIndex(a => a.EpisodeOfCareId).IsUnique();
        b.Ignore(a => a.IsCurrent);
        b.Ignore(a => a.IsInTargetGroup);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Client).HasMaxLength(256);
        b.HasIndex(e => new { e.PatientId, e.At });
        b.HasIndex(e => e.At);
    }
}
