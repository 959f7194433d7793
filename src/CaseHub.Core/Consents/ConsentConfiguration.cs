using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Consents;

internal sealed class CrossSectorConsentConfiguration : IEntityTypeConfiguration<CrossSectorConsent>
{
    public void Configure(EntityTypeBuilder<CrossSectorConsent> b)
    {
        b.Property(c => c.Scope).HasMaxLength(1000);
        b.Property(c => c.WithdrawalReason).HasMaxLength(1000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Patients.Patient>().WithMany().HasForeignKey(c => c.PatientId);
        b.HasIndex(c => c.PatientId);
    }
}

internal sealed class HouseCourseConfiguration : IEntityTypeConfiguration<HouseCourse>
{
    public void Configure(EntityTypeBuilder<HouseCourse> b)
    {
        b.Property(c => c.EndReason).HasMaxLength(1000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Patient).WithMany().HasForeignKey(c => c.PatientId);
        b.HasOne(c => c.House).WithMany().HasForeignKey(c => c.HouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.HouseId, c.EndDate });
        b.HasIndex(c => c.PatientId);
        b.Ignore(c => c.IsActive);
    }
}
