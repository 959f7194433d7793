using CaseHub.Core.Admissions;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;

namespace CaseHub.Core.Agreements;

/// <summary>The two documents of psykiatriloven chapter 4 a; they share content and workflow.</summary>
public enum DocumentKind
{
    /// <summary>Udskrivningsaftale (§13a): made with the patient, who consents to sharing.</summary>
    DischargeAgreement,

    /// <summary>Koordinationsplan (§13b): made without the patient, who declined an agreement.</summary>
    CoordinationPlan,
}

/// <summary>Where a document is in its workflow (DOMAIN.md section 2).</summary>
public enum DocumentStatus
{
    Draft,
    Sent,
    Accepted,
    Active,
    Ended,

    /// <summary>Replaced by a newer version; stays readable.</summary>
    Superseded,

    /// <summary>Cancelled because it should never have existed, with who and why.</summary>
    EnteredInError,
}

/// <summary>The paragraph a document is made under.</summary>
public enum DocumentLegalBasis
{
    /// <summary>Not chosen yet.</summary>
    None,
    Section13aStk1,
    Section13aStk2,
    Section13b,
}

/// <summary>
/// An udskrivningsaftale or koordinationsplan: one version of it. Versions of the same document share a
/// <see cref="SeriesId"/>; a change after sending creates a new row with the next <see cref="Revision"/>.
/// Section fields are plain properties so the section catalogue (<see cref="DocumentSections"/>) can edit, compare,
/// copy and print them without one line of code per field.
/// </summary>
public class CareDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public DocumentKind Kind { get; set; }

    public DocumentStatus Status { get; set; }

    /// <summary>The same for every version of one document.</summary>
    public Guid SeriesId { get; set; }

    /// <summary>1 for the first version, then 2, 3, ...</summary>
    public int Revision { get; set; } = 1;

    public Guid? PreviousVersionId { get; set; }

    /// <summary>Optimistic concurrency token: incremented by every change, checked by every save.</summary>
    public int Version { get; set; }

    public Guid PatientId { get; set; }

    public Patient? Patient { get; set; }

    public Guid AdmissionId { get; set; }

    public Admission? Admission { get; set; }

    public Guid AuthoringWardId { get; set; }

    public Organization? AuthoringWard { get; set; }

    /// <summary>The patient's municipality of residence when the document was made.</summary>
    public Guid ReceivingMunicipalityId { get; set; }

    public Organization? ReceivingMunicipality { get; set; }

    // 1. Legal basis
    public DocumentLegalBasis LegalBasis { get; set; }

    /// <summary>Why the patient declined an agreement (koordinationsplan only).</summary>
    public string? DeclineReason { get; set; }

    // 2. Consent (udskrivningsaftale only); the participants are in Participants.
    /// <summary>Who gave consent: the patient, or the holder of parental responsibility under 15.</summary>
    public string? ConsentGivenBy { get; set; }

    public DateOnly? ConsentDate { get; set; }

    /// <summary>What may be shared, and with whom.</summary>
    public string? ConsentScope { get; set; }

    /// <summary>The staff member who recorded the consent (set from the signed-in user).</summary>
    public string? ConsentRecordedBy { get; set; }

    // 3. Treatment after discharge
    public string? OutpatientUnit { get; set; }

    public DateOnly? FirstAppointmentOn { get; set; }

    public string? Medication { get; set; }

    public string? MedicationHandledBy { get; set; }

    public string? OtherTreatment { get; set; }

    // 4. Social services
    public string? Housing { get; set; }

    public string? HousingSupport { get; set; }

    public string? Employment { get; set; }

    public string? Finances { get; set; }

    public string? DailyActivities { get; set; }

    // 6. Early warning signs and crisis plan
    public string? WarningSigns { get; set; }

    public string? CrisisActions { get; set; }

    public string? CrisisContacts { get; set; }

    // 7. Non-attendance
    public string? NonAttendance { get; set; }

    // 8. Relatives
    public string? RelativesInvolvement { get; set; }

    public string? RelativesSharing { get; set; }

    // 9. Network meeting
    public bool NetworkMeetingRequested { get; set; }

    public string? NetworkMeetingRequestedBy { get; set; }

    public DateOnly? NetworkMeetingPlannedOn { get; set; }

    // 10. Dates
    public DateOnly? DrawnUpOn { get; set; }

    public DateOnly? DischargeOn { get; set; }

    public DateOnly? ReviewOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public string? EndReason { get; set; }

    /// <summary>The municipality's comments when it adds its part.</summary>
    public string? MunicipalityComment { get; set; }

    public string? EnteredInErrorBy { get; set; }

    public string? EnteredInErrorReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Who saved last, for the conflict message another user gets.</summary>
    public string? UpdatedBy { get; set; }

    public List<DocumentParticipant> Participants { get; set; } = [];

    public List<AgreedAction> Actions { get; set; } = [];

    public List<DocumentEvent> Events { get; set; } = [];

    /// <summary>Is this the version people work on (not replaced, not cancelled)?</summary>
    public bool IsCurrentVersion => Status is not (DocumentStatus.Superseded or DocumentStatus.EnteredInError);

    /// <summary>
    /// The next version of this document as a draft: same series, parties and admission, every field copied. The
    /// caller decides which participants and actions it carries over (a ward's proposal keeps all; a proposal from
    /// the municipality brings its own).
    /// </summary>
    public CareDocument NextRevision(DateTime now, string? updatedBy)
    {
        var next = new CareDocument
        {
            Kind = Kind,
            Status = DocumentStatus.Draft,
            SeriesId = SeriesId,
            Revision = Revision + 1,
            PreviousVersionId = Id,
            Version = 1,
            PatientId = PatientId,
            AdmissionId = AdmissionId,
            AuthoringWardId = AuthoringWardId,
            ReceivingMunicipalityId = ReceivingMunicipalityId,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = updatedBy,
        };
        foreach (var field in DocumentSections.AllFields)
        {
            field.Set(next, field.Get(this));
        }

        return next;
    }
}

/// <summary>The role a participant has in making or keeping the document.</summary>
public enum ParticipantRole
{
    Patient,
    SeniorConsultant,
    WardContactPerson,
    Caseworker,
    GeneralPractitioner,
    Relative,
    Bisidder,
    Other,
}

/// <summary>A person who takes part, with role and contact details.</summary>
public class DocumentParticipant
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DocumentId { get; set; }

    public ParticipantRole Role { get; set; }

    public required string Name { get; set; }

    /// <summary>Organization, SOR code or ydernummer as the user writes it.</summary>
    public string? Organization { get; set; }

    public string? Contact { get; set; }

    /// <summary>The same participant for another version (a new row).</summary>
    public DocumentParticipant Copy() => new() { Role = Role, Name = Name, Organization = Organization, Contact = Contact };
}

public enum ActionStatus
{
    Planned,
    InProgress,
    Done,
}

/// <summary>An agreed action: what, who is responsible (organization and person), by when, status.</summary>
public class AgreedAction
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DocumentId { get; set; }

    public required string What { get; set; }

    /// <summary>Which side owns the action; the municipality adds and answers for its own.</summary>
    public Sector OwnerSector { get; set; }

    public string? ResponsibleOrganization { get; set; }

    public string? ResponsiblePerson { get; set; }

    public DateOnly? DueOn { get; set; }

    public ActionStatus Status { get; set; }

    /// <summary>The same action for another version (a new row).</summary>
    public AgreedAction Copy() => new()
    {
        What = What, OwnerSector = OwnerSector, ResponsibleOrganization = ResponsibleOrganization,
        ResponsiblePerson = ResponsiblePerson, DueOn = DueOn, Status = Status,
    };
}

/// <summary>One thing that happened to a document, with when and who: the case page's timeline.</summary>
public class DocumentEvent
{
    public long Id { get; set; }

    public Guid DocumentId { get; set; }

    public Guid PatientId { get; set; }

    public DateTime At { get; set; }

    /// <summary>What happened, as a stable code (<c>created</c>, <c>sent</c>, <c>section.saved</c>, ...).</summary>
    public required string Kind { get; set; }

    public DocumentStatus? ToStatus { get; set; }

    public Guid? ActorUserId { get; set; }

    public required string ActorName { get; set; }

    public string? ActorOrganization { get; set; }

    /// <summary>A Danish note users see: the section saved, the reason given.</summary>
    public string? Note { get; set; }
}
