using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Exchange;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.ReceiverCode).HasMaxLength(32);
        b.Property(m => m.ReceiverName).HasMaxLength(200);
        b.Property(m => m.ResourceType).HasMaxLength(32);
        b.Property(m => m.IdempotencyKey).HasMaxLength(80);

        // A document is a few kilobytes of JSON; no fixed limit (nvarchar(max) on SQL Server).
        b.Property(m => m.Payload).Metadata.SetMaxLength(null);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => new { m.ReceiverCode, m.IdempotencyKey }).IsUnique();
        b.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class InboundDocumentStateConfiguration : IEntityTypeConfiguration<InboundDocumentState>
{
    public void Configure(EntityTypeBuilder<InboundDocumentState> b)
    {
        b.Property(s => s.SenderCode).HasMaxLength(32);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.SenderCode, s.DocumentId }).IsUnique();
    }
}

internal sealed class InboundRejectionConfiguration : IEntityTypeConfiguration<InboundRejection>
{
    public void Configure(EntityTypeBuilder<InboundRejection> b)
    {
        b.Property(r => r.Sender).HasMaxLength(100);
        b.Property(r => r.ResourceType).HasMaxLength(32);
        b.Property(r => r.ResourceId).HasMaxLength(100);
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.HasIndex(r => r.At);
    }
}
