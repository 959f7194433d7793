namespace CaseHub.Core.Access;

/// <summary>The kinds of patient data the access policy distinguishes (docs/access.md).</summary>
public enum DataKind
{
    /// <summary>Identity, contact details, admissions: the case overview.</summary>
    Case,

    /// <summary>Udskrivningsaftaler and koordinationsplaner (§13c).</summary>
    Document,

    /// <summary>The audit trail of the patient's data.</summary>
    AuditTrail,

    /// <summary>Patientens Team: members and stafetholders.</summary>
    Team,

    /// <summary>Netværksmøder: requests, planning, participants (not the minutes).</summary>
    Meeting,

    /// <summary>Meeting minutes; across sectors only with the patient's consent.</summary>
    Minutes,

    /// <summary>Follow-up tasks; across sectors only with the patient's consent.</summary>
    FollowUp,

    /// <summary>The consent to exchange information across sectors and the forløb i Psykiatriens Hus.</summary>
    Consent,
}

public enum AccessMode
{
    Read,
    Write,
}

/// <summary>The answer of the access policy, with the rule that decided it (written to the audit entry).</summary>
public sealed record AccessDecision(bool Allowed, string Rule)
{
    public static AccessDecision Deny(string why) => new(false, why);
}
