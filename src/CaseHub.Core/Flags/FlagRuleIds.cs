namespace CaseHub.Core.Flags;

/// <summary>The ids and Danish names of CaseHub's flag rules (also the FHIR code system for flags).</summary>
public static class FlagRuleIds
{
    public const string MissingAtDischarge = "missing-at-discharge";
    public const string MissingBeforeDischarge = "missing-before-discharge";
    public const string Unanswered = "unanswered";
    public const string MeetingOverdue = "network-meeting-overdue";
    public const string NoMeetingAfterDischarge = "no-meeting-after-discharge";
    public const string MinutesMissing = "minutes-missing";
    public const string FollowUpOverdue = "follow-up-overdue";
    public const string ReviewDue = "review-due";
    public const string ConsentExpired = "consent-expired";
}
