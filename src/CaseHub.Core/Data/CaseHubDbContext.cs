using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Core.Flags;
using CaseHub.Core.Fhir;
using CaseHub.Core.Indicators;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Data;

/// <summary>The source of truth. Provider-neutral: SQLite embedded and in tests, SQL Server in production.</summary>
public class CaseHubDbContext(DbContextOptions<CaseHubDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<StaffUser> StaffUsers => Set<StaffUser>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<Admission> Admissions => Set<Admission>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Flag> Flags => Set<Flag>();

    public DbSet<CareDocument> CareDocuments => Set<CareDocument>();

    public DbSet<DocumentEvent> DocumentEvents => Set<DocumentEvent>();

    public DbSet<Teams.TeamMember> TeamMembers => Set<Teams.TeamMember>();

    public DbSet<Teams.Stafetholder> Stafetholders => Set<Teams.Stafetholder>();

    public DbSet<Consents.CrossSectorConsent> CrossSectorConsents => Set<Consents.CrossSectorConsent>();

    public DbSet<Consents.HouseCourse> HouseCourses => Set<Consents.HouseCourse>();

    public DbSet<Meetings.Meeting> Meetings => Set<Meetings.Meeting>();

    public DbSet<Meetings.MeetingParticipant> MeetingParticipants => Set<Meetings.MeetingParticipant>();

    public DbSet<Meetings.MinutesVersion> MinutesVersions => Set<Meetings.MinutesVersion>();

    public DbSet<FollowUps.FollowUpTask> FollowUpTasks => Set<FollowUps.FollowUpTask>();

    public DbSet<FhirResourceVersion> FhirResourceVersions => Set<FhirResourceVersion>();

    public DbSet<PopulationCount> PopulationCounts => Set<PopulationCount>();

    public DbSet<RegisterMeasure> RegisterMeasures => Set<RegisterMeasure>();

    public DbSet<AdmissionExtractRow> AdmissionExtractRows => Set<AdmissionExtractRow>();

    public DbSet<IndicatorResult> IndicatorResults => Set<IndicatorResult>();

    public DbSet<Access.EmergencyAccess> EmergencyAccesses => Set<Access.EmergencyAccess>();

    public DbSet<Exchange.OutboxMessage> OutboxMessages => Set<Exchange.OutboxMessage>();

    public DbSet<Exchange.InboundDocumentState> InboundDocumentStates => Set<Exchange.InboundDocumentState>();

    public DbSet<Exchange.InboundRejection> InboundRejections => Set<Exchange.InboundRejection>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditTrail();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditTrail();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CaseHubDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC; SQLite forgets DateTimeKind, so it is restored on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    private void GuardAuditTrail()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
        }
    }
}
