using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Indicators;

internal sealed class PopulationCountConfiguration : IEntityTypeConfiguration<PopulationCount>
{
    public void Configure(EntityTypeBuilder<PopulationCount> b)
    {
        b.ToTable("PopulationCounts");
        b.Property(p => p.MunicipalityCode).HasMaxLength(4);
        b.HasIndex(p => new { p.Year, p.Quarter, p.MunicipalityCode, p.Age }).IsUnique();
    }
}

internal sealed class RegisterMeasureConfiguration : IEntityTypeConfiguration<RegisterMeasure>
{
    public void Configure(EntityTypeBuilder<RegisterMeasure> b)
    {
        b.ToTable("RegisterMeasures");
        b.Property(m => m.MeasureId).HasMaxLength(64);
        b.Property(m => m.PersonKey).HasMaxLength(64);
        b.Property(m => m.MunicipalityCode).HasMaxLength(4);
        b.Property(m => m.RegionCode).HasMaxLength(4);
        b.Property(m => m.WardSor).HasMaxLength(32);
        b.Property(m => m.Type).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(m => m.MeasureId).IsUnique();
        b.HasIndex(m => new { m.Type, m.Year });
    }
}

internal sealed class AdmissionExtractRowConfiguration : IEntityTypeConfiguration<AdmissionExtractRow>
{
    public void Configure(EntityTypeBuilder<AdmissionExtractRow> b)
    {
        b.ToTable("AdmissionExtractRows");
        b.Property(a => a.AdmissionId).HasMaxLength(64);
        b.Property(a => a.PersonKey).HasMaxLength(64);
        b.Property(a => a.MunicipalityCode).HasMaxLength(4);
        b.Property(a => a.RegionCode).HasMaxLength(4);
        b.Property(a => a.WardSor).HasMaxLength(32);
        b.Property(a => a.LegalBasis).HasMaxLength(64);
        b.HasIndex(a => a.AdmissionId).IsUnique();
    }
}

internal sealed class IndicatorResultConfiguration : IEntityTypeConfiguration<IndicatorResult>
{
    public void Configure(EntityTypeBuilder<IndicatorResult> b)
    {
        b.ToTable("IndicatorResults");
        b.Property(r => r.IndicatorId).HasMaxLength(64);
        b.Property(r => r.Period).HasMaxLength(8);
        b.Property(r => r.AreaType).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.AreaCode).HasMaxLength(8);
        b.Property(r => r.AreaName).HasMaxLength(100);
        b.Property(r => r.AgeGroup).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(r => new { r.IndicatorId, r.Period, r.AreaType, r.AreaCode, r.AgeGroup }).IsUnique();
    }
}
