using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Agreements;

internal sealed class CareDocumentConfiguration : IEntityTypeConfiguration<CareDocument>
{
    public void Configure(EntityTypeBuilder<CareDocument> b)
    {
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(d => d.LegalBasis).HasConversion<string>().HasMaxLength(32);
        b.Property(d => d.Version).IsConcurrencyToken();
        foreach (var field in DocumentSections.AllFields.Where(f => f.Type == FieldType.LongText))
        {
            b.Property(field.Name).HasMaxLength(DocumentField.LongTextMax);
        }

        b.Property(d => d.EndReason).HasMaxLength(DocumentField.LongTextMax);
        b.Property(d => d.EnteredInErrorReason).HasMaxLength(DocumentField.LongTextMax);
        b.HasOne(d => d.Patient).WithMany(p => p.Documents).HasForeignKey(d => d.PatientId);
        b.HasOne(d => d.Admission).WithMany().HasForeignKey(d => d.AdmissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.AuthoringWard).WithMany().HasForeignKey(d => d.AuthoringWardId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.ReceivingMunicipality).WithMany().HasForeignKey(d => d.ReceivingMunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Participants).WithOne().HasForeignKey(p => p.DocumentId);
        b.HasMany(d => d.Actions).WithOne().HasForeignKey(a => a.DocumentId);
        b.HasMany(d => d.Events).WithOne().HasForeignKey(e => e.DocumentId);
        b.HasIndex(d => new { d.ReceivingMunicipalityId, d.Status });
        b.HasIndex(d => d.AdmissionId);
        b.HasIndex(d => new { d.SeriesId, d.Revision }).IsUnique();
        b.Ignore(d => d.IsCurrentVersion);
    }
}

internal sealed class DocumentParticipantConfiguration : IEntityTypeConfiguration<DocumentParticipant>
{
    public void Configure(EntityTypeBuilder<DocumentParticipant> b) =>
        b.Property(p => p.Role).HasConversion<string>().HasMaxLength(32);
}

internal sealed class AgreedActionConfiguration : IEntityTypeConfiguration<AgreedAction>
{
    public void Configure(EntityTypeBuilder<AgreedAction> b)
    {
        b.Property(a => a.What).HasMaxLength(DocumentField.LongTextMax);
        b.Property(a => a.OwnerSector).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class DocumentEventConfiguration : IEntityTypeConfiguration<DocumentEvent>
{
    public void Configure(EntityTypeBuilder<DocumentEvent> b)
    {
        b.Property(e => e.Kind).HasMaxLength(64);
        b.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Note).HasMaxLength(DocumentField.LongTextMax);
        b.HasIndex(e => new { e.PatientId, e.At });
    }
}
