namespace CaseHub.Core.Audit;

public enum AuditOutcome
{
    Allowed,
    Denied,
}

/// <summary>
/// Who did what to whose data, when, from where, and why it was allowed. Append-only: the DbContext refuses to
/// change or delete an entry.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public Guid? UserId { get; set; }

    public required string Username { get; set; }

    public required string UserDisplayName { get; set; }

    public Guid? OrganizationId { get; set; }

    public string? OrganizationName { get; set; }

    /// <summary>The user's roles at the time, comma separated.</summary>
    public string? Roles { get; set; }

    /// <summary>What was done, e.g. <c>read</c>, <c>create</c>, <c>agreement.send</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The kind of data touched (see <see cref="Access.DataKind"/>).</summary>
    public required string DataKind { get; set; }

    public string? DataId { get; set; }

    public Guid? PatientId { get; set; }

    public string? IpAddress { get; set; }

    public string? Client { get; set; }

    /// <summary>The access rule that allowed it, or why it was denied.</summary>
    public required string Rule { get; set; }

    public AuditOutcome Outcome { get; set; }
}
