using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Core.Teams;

namespace CaseHub.Core.Meetings;

public enum MeetingStatus
{
    Requested,
    Planned,
    Held,
}

/// <summary>Who asked for the netværksmøde.</summary>
public enum MeetingRequester
{
    Region,
    Municipality,
    Patient,
    Relative,
}

public enum PlaceKind
{
    HouseRoom,
    Ward,
    PatientHome,
    Video,
}

/// <summary>The patient's answer to the invitation; a meeting is planned only once it is known.</summary>
public enum PatientParticipation
{
    Unknown,
    Participates,
    Declined,
}

/// <summary>A netværksmøde from request through planning to the held meeting with its minutes.</summary>
public class Meeting
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    public Patient? Patient { get; set; }

    public MeetingStatus Status { get; set; }

    public MeetingRequester RequestedBy { get; set; }

    public bool RequestedAtDischarge { get; set; }

    public DateTime RequestedAt { get; set; }

    public required string RequestedByName { get; set; }

    public string? RequestReason { get; set; }

    /// <summary>When requested at discharge: 5 working days after the request (DOMAIN.md section 3).</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>The organization that plans and chairs the meeting; only it edits the minutes.</summary>
    public Guid? HostOrganizationId { get; set; }

    public Organization? HostOrganization { get; set; }

    public string? ChairName { get; set; }

    public DateTime? Start { get; set; }

    public DateTime? End { get; set; }

    public PlaceKind? PlaceKind { get; set; }

    public string? Place { get; set; }

    public PatientParticipation PatientParticipation { get; set; }

    public bool? PatientAttended { get; set; }

    public DateTime? HeldAt { get; set; }

    public Guid? PreviousMeetingId { get; set; }

    public List<MeetingParticipant> Participants { get; set; } = [];

    public List<MinutesVersion> Minutes { get; set; } = [];

    public int Version { get; set; }

    /// <summary>The sector whose data the minutes are: the host's.</summary>
    public Sector? HostSector => HostOrganization?.Sector;
}

/// <summary>A team member invited to a meeting, and whether they came.</summary>
public class MeetingParticipant
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid MeetingId { get; set; }

    public Guid TeamMemberId { get; set; }

    public TeamMember? TeamMember { get; set; }

    public bool? Attended { get; set; }
}

public enum MinutesState
{
    Draft,
    Approved,

    /// <summary>An approved version that a later approved version replaced; stays readable.</summary>
    Superseded,
}

/// <summary>
/// One version of a meeting's minutes, one text per section of the shared template. A draft is edited in place;
/// a change after approval starts a new version.
/// </summary>
public class MinutesVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid MeetingId { get; set; }

    public int Number { get; set; }

    public MinutesState State { get; set; }

    public string? StatusSinceLast { get; set; }

    public string? PatientGoals { get; set; }

    public string? Treatment { get; set; }

    public string? SocialSupport { get; set; }

    public string? CrisisPlan { get; set; }

    public string? AgreedActions { get; set; }

    public string? NextMeeting { get; set; }

    public required string EditedByName { get; set; }

    public DateTime EditedAt { get; set; }

    public string? ApprovedByName { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public int Version { get; set; }

    public string? Section(string key) => key switch
    {
        nameof(StatusSinceLast) => StatusSinceLast,
        nameof(PatientGoals) => PatientGoals,
        nameof(Treatment) => Treatment,
        nameof(SocialSupport) => SocialSupport,
        nameof(CrisisPlan) => CrisisPlan,
        nameof(AgreedActions) => AgreedActions,
        nameof(NextMeeting) => NextMeeting,
        _ => null,
    };
}

/// <summary>The shared agenda of a netværksmøde (DOMAIN.md section 3); the minutes follow the same sections.</summary>
public static class AgendaTemplate
{
    public sealed record Section(string Key, string Title);

    public static readonly IReadOnlyList<Section> Sections =
    [
        new(nameof(MinutesVersion.StatusSinceLast), "Status siden sidste møde"),
        new(nameof(MinutesVersion.PatientGoals), "Borgerens egne mål"),
        new(nameof(MinutesVersion.Treatment), "Behandling"),
        new(nameof(MinutesVersion.SocialSupport), "Social støtte"),
        new(nameof(MinutesVersion.CrisisPlan), "Kriseplan"),
        new(nameof(MinutesVersion.AgreedActions), "Aftalte handlinger"),
        new(nameof(MinutesVersion.NextMeeting), "Næste møde"),
    ];
}

/// <summary>Danish names for the meeting vocabulary.</summary>
public static class MeetingTexts
{
    public static string Danish(this MeetingStatus status) => status switch
    {
        MeetingStatus.Requested => "Anmodet",
        MeetingStatus.Planned => "Planlagt",
        MeetingStatus.Held => "Afholdt",
        _ => status.ToString(),
    };

    public static string Danish(this MeetingRequester requester) => requester switch
    {
        MeetingRequester.Region => "Regionen",
        MeetingRequester.Municipality => "Kommunen",
        MeetingRequester.Patient => "Borgeren",
        MeetingRequester.Relative => "Pårørende",
        _ => requester.ToString(),
    };

    public static string Danish(this PlaceKind place) => place switch
    {
        PlaceKind.HouseRoom => "Lokale i Psykiatriens Hus",
        PlaceKind.Ward => "Afsnit",
        PlaceKind.PatientHome => "Borgerens hjem",
        PlaceKind.Video => "Videomøde",
        _ => place.ToString(),
    };

    public static string Danish(this PatientParticipation participation) => participation switch
    {
        PatientParticipation.Unknown => "Ikke oplyst",
        PatientParticipation.Participates => "Deltager",
        PatientParticipation.Declined => "Har takket nej",
        _ => participation.ToString(),
    };

    public static string Danish(this MinutesState state) => state switch
    {
        MinutesState.Draft => "Kladde",
        MinutesState.Approved => "Godkendt",
        MinutesState.Superseded => "Erstattet",
        _ => state.ToString(),
    };
}
