using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseHub.Core.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.RequestedBy).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.PlaceKind).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.PatientParticipation).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.RequestReason).HasMaxLength(1000);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne(m => m.Patient).WithMany().HasForeignKey(m => m.PatientId);
        b.HasOne(m => m.HostOrganization).WithMany().HasForeignKey(m => m.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meeting>().WithMany().HasForeignKey(m => m.PreviousMeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId);
        b.HasMany(m => m.Minutes).WithOne().HasForeignKey(v => v.MeetingId);
        b.HasIndex(m => new { m.PatientId, m.Status });
        b.HasIndex(m => new { m.HostOrganizationId, m.Start });
        b.Ignore(m => m.HostSector);
    }
}

internal sealed class MeetingParticipantConfiguration : IEntityTypeConfiguration<MeetingParticipant>
{
    public void Configure(EntityTypeBuilder<MeetingParticipant> b)
    {
        b.HasOne(p => p.TeamMember).WithMany().HasForeignKey(p => p.TeamMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.MeetingId, p.TeamMemberId }).IsUnique();
    }
}

internal sealed class MinutesVersionConfiguration : IEntityTypeConfiguration<MinutesVersion>
{
    public void Configure(EntityTypeBuilder<MinutesVersion> b)
    {
        b.Property(v => v.State).HasConversion<string>().HasMaxLength(32);
        foreach (var section in AgendaTemplate.Sections)
        {
            b.Property<string?>(section.Key).HasMaxLength(4000);
        }

        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasIndex(v => new { v.MeetingId, v.Number }).IsUnique();
    }
}
