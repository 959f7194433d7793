namespace CaseHub.Core.Exchange;

/// <summary>Where an outbox row is in its delivery.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt (also while an attempt is under way).</summary>
    Pending,
    Delivered,

    /// <summary>Given up after the last retry, or refused by the receiver; an administrator can resend it.</summary>
    Failed,
}

/// <summary>
/// One document version to deliver to one receiver. Written in the same SaveChanges as the change it carries, so a
/// change is never committed without its delivery (and never delivered without being committed).
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The endpoint key from <c>CaseHub:Exchange:Endpoints</c> (an organization code).</summary>
    public required string ReceiverCode { get; set; }

    /// <summary>The receiving organization's name when the row was written, for the Leverancer page.</summary>
    public required string ReceiverName { get; set; }

    /// <summary>
    /// What the payload is: <c>CarePlan</c> for another CaseHub, <see cref="CareCommunicationType"/> (a MedCom
    /// CareCommunication message) for a receiver without CaseHub.
    /// </summary>
    public required string ResourceType { get; set; }

    /// <summary>The <see cref="ResourceType"/> of a MedCom CareCommunication message Bundle.</summary>
    public const string CareCommunicationType = "Bundle";

    /// <summary>Is the payload a MedCom CareCommunication (posted to <c>$process-message</c>)?</summary>
    public bool IsCareCommunication => ResourceType == CareCommunicationType;

    public Guid DocumentId { get; set; }

    /// <summary>The document's version (its concurrency token) at the change; the receiver orders by it.</summary>
    public int DocumentVersion { get; set; }

    public Guid PatientId { get; set; }

    /// <summary>Document id + version: the receiver applies a key once, however often it arrives.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The profiled FHIR JSON of the document at that version.</summary>
    public required string Payload { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the row is next due; while an attempt runs, the end of its lease.</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>The last failure, without personal data (status code and the receiver's message).</summary>
    public string? LastError { get; set; }

    /// <summary>Optimistic concurrency: two job servers never both claim the same attempt.</summary>
    public int Version { get; set; }
}

/// <summary>
/// The last version applied from one sender for one document: what makes inbound messages idempotent and ordered
/// (the same or an older version is acknowledged and ignored).
/// </summary>
public class InboundDocumentState
{
    public long Id { get; set; }

    /// <summary>The sender's endpoint key (organization code).</summary>
    public required string SenderCode { get; set; }

    public Guid DocumentId { get; set; }

    public int AppliedVersion { get; set; }

    public DateTime AppliedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A message the inbound endpoint refused, for administrators (no CPR number, no names).</summary>
public class InboundRejection
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The sender's code, or what the caller claimed when it could not be identified.</summary>
    public required string Sender { get; set; }

    public required string ResourceType { get; set; }

    /// <summary>The resource id (document id or episode identifier); never a CPR number.</summary>
    public string? ResourceId { get; set; }

    /// <summary>The Danish reason given back to the sender.</summary>
    public required string Reason { get; set; }
}
