using CaseHub.Core.Audit;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Access;

/// <summary>Access settings (<c>CaseHub:Access</c>); docs/access.md explains the defaults.</summary>
public sealed class AccessSettings
{
    /// <summary>How long a nødadgang lasts.</summary>
    public int EmergencyAccessHours { get; set; } = 4;

    /// <summary>How long a ward keeps access to a patient after the discharge.</summary>
    public int WardAccessDaysAfterDischarge { get; set; } = 30;
}

/// <summary>
/// Nødadgang (break the glass): a ward contact person opened a patient they have no relation to, in an emergency, with
/// a reason. Grants reading for a limited time and stays open for review until an administrator has looked at it.
/// </summary>
public class EmergencyAccess
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public Guid StaffUserId { get; set; }

    public required string Username { get; set; }

    public required string UserDisplayName { get; set; }

    /// <summary>The ward the user worked on when they broke the glass.</summary>
    public Guid OrganizationId { get; set; }

    public required string OrganizationName { get; set; }

    public required string Reason { get; set; }

    public DateTime GrantedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? ReviewedByName { get; set; }

    public Guid? ReviewedById { get; set; }

    public string? ReviewNote { get; set; }

    /// <summary>Optimistic concurrency: two administrators reviewing the same access.</summary>
    public int Version { get; set; } = 1;
}

internal sealed class EmergencyAccessConfiguration : IEntityTypeConfiguration<EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<EmergencyAccess> b)
    {
        b.Property(e => e.Reason).HasMaxLength(1000);
        b.Property(e => e.ReviewNote).HasMaxLength(1000);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Patients.Patient>().WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.PatientId, e.StaffUserId, e.ExpiresAt });
        b.HasIndex(e => new { e.ReviewedAt, e.GrantedAt });
    }
}

/// <summary>Starting a nødadgang and reviewing it afterwards.</summary>
public sealed class EmergencyAccessService(CaseHubDbContext db, TimeProvider clock, AuditLog audit, IOptions<AccessSettings> settings)
{
    /// <summary>The policy rule (and audit reason) of access under a nødadgang.</summary>
    public const string Rule = "emergency-access";

    public const int ReasonMaxLength = 1000;

    /// <summary>Only ward staff may break the glass: they meet patients in acute situations.</summary>
    public static bool MayBreakTheGlass(CurrentUser user) =>
        user.IsInRole(Roles.PsychiatryContactPerson) && user.OrganizationKind == OrganizationKind.HospitalWard;

    /// <summary>Administrators review the nødadgange of the wards in their own organization or below it.</summary>
    public static bool MayReview(CurrentUser user) => user.IsInRole(Roles.Administrator);

    public TimeSpan Duration => TimeSpan.FromHours(Math.Max(1, settings.Value.EmergencyAccessHours));

    /// <summary>Starts a nødadgang for the user; the reason is required. Saves the access and its audit entry together.</summary>
    public async Task<Outcome<EmergencyAccess>> StartAsync(CurrentUser user, Guid patientId, string? reason, CancellationToken ct = default)
    {
        if (!MayBreakTheGlass(user))
        {
            throw new InvalidOperationException("Only ward contact persons may use nødadgang.");
        }

        var text = reason?.Trim() ?? string.Empty;
        var errors = new FieldErrors()
            .Add("Reason", "Angiv begrundelsen for nødadgangen.", text.Length == 0)
            .Add("Reason", $"Begrundelsen må højst være {ReasonMaxLength} tegn.", text.Length > ReasonMaxLength);
        if (errors.Any)
        {
            return Outcome<EmergencyAccess>.Fail(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var access = new EmergencyAccess
        {
            PatientId = patientId, StaffUserId = user.UserId, Username = user.Username, UserDisplayName = user.Name,
            OrganizationId = user.OrganizationId, OrganizationName = user.OrganizationName, Reason = text,
            GrantedAt = now, ExpiresAt = now.Add(Duration),
        };
        db.Add(access);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(user, "emergency-access.start", DataKind.Case, access.Id.ToString(), patientId, new AccessDecision(true, Rule), ct);
        return Outcome<EmergencyAccess>.Ok(access);
    }

    /// <summary>The nødadgange an administrator reviews: those of wards in their organization, or below it.</summary>
    public IQueryable<EmergencyAccess> ForReviewer(CurrentUser user) =>
        db.Set<EmergencyAccess>().Where(e => db.Organizations.Any(o => o.Id == e.OrganizationId
            && (o.Id == user.OrganizationId || o.ParentId == user.OrganizationId
                || db.Organizations.Any(parent => parent.Id == o.ParentId && parent.ParentId == user.OrganizationId))));

    /// <summary>Marks a nødadgang reviewed; false when another administrator changed it first.</summary>
    public async Task<Outcome<EmergencyAccess>> ReviewAsync(CurrentUser user, Guid id, int version, string? note, CancellationToken ct = default)
    {
        var access = await ForReviewer(user).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (access is null)
        {
            return Outcome<EmergencyAccess>.Fail("Id", "Nødadgangen findes ikke.");
        }

        var text = note?.Trim();
        if (access.ReviewedAt is not null || access.Version != version)
        {
            return Outcome<EmergencyAccess>.Fail("Id", "En anden har gennemgået nødadgangen i mellemtiden. Siden er opdateret.");
        }

        if (text is { Length: > ReasonMaxLength })
        {
            return Outcome<EmergencyAccess>.Fail("Note", $"Bemærkningen må højst være {ReasonMaxLength} tegn.");
        }

        access.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        access.ReviewedById = user.UserId;
        access.ReviewedByName = user.Name;
        access.ReviewNote = string.IsNullOrEmpty(text) ? null : text;
        access.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<EmergencyAccess>.Fail("Id", "En anden har gennemgået nødadgangen i mellemtiden. Siden er opdateret.");
        }

        await audit.RecordAsync(user, "emergency-access.review", DataKind.AuditTrail, access.Id.ToString(), access.PatientId, new AccessDecision(true, "administrator-review"), ct);

        return Outcome<EmergencyAccess>.Ok(access);
    }
}
