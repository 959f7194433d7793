using CaseHub.Core.Calendar;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Flags.Rules;

/// <summary>4a. A network meeting requested at discharge not held within its due date (5 working days).</summary>
public sealed class MeetingOverdueRule : IFlagRule
{
    public string Id => FlagRuleIds.MeetingOverdue;

    public string Name => "Netværksmøde ikke holdt inden fristen";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var today = context.Today;
        var rows = await context.ForPatients(context.Db.Meetings, m => m.PatientId)
            .Where(m => m.RequestedAtDischarge && m.HeldAt == null && m.DueDate != null && m.DueDate < today)
            .Select(m => new { m.Id, m.PatientId, Owner = m.HostOrganizationId ?? m.Patient!.MunicipalityId, m.Patient!.MunicipalityId, Due = m.DueDate!.Value })
            .ToListAsync(ct);
        return rows.Select(r => new FlagCandidate(r.PatientId, FlagSubject.Meeting, r.Id, r.Owner, r.Owner == r.MunicipalityId ? null : r.MunicipalityId, r.Due,
            $"Netværksmøde ønsket ved udskrivning skulle være holdt senest {FlagText.Day(r.Due)}")).ToList();
    }
}

/// <summary>4b. A patient with a team and no network meeting held in the N days after discharge.</summary>
public sealed class NoMeetingAfterDischargeRule : IFlagRule
{
    public string Id => FlagRuleIds.NoMeetingAfterDischarge;

    public string Name => "Intet netværksmøde efter udskrivning";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var days = context.Settings.NoMeetingAfterDischargeDays;
        var latest = context.Now.AddDays(-days);
        var earliest = context.Now.AddDays(-context.Settings.LookbackDays);
        var rows = await context.ForPatients(context.Db.Admissions, a => a.PatientId)
            .Where(a => a.End != null && a.End <= latest && a.End >= earliest)
            .Where(a => context.Db.TeamMembers.Any(t => t.PatientId == a.PatientId && t.RemovedAt == null))
            .Where(a => !context.Db.Admissions.Any(later => later.PatientId == a.PatientId && later.Start > a.Start))
            .Where(a => !context.Db.Meetings.Any(m => m.PatientId == a.PatientId && m.HeldAt != null && m.HeldAt >= a.End && m.HeldAt <= a.End!.Value.AddDays(days)))
            .Select(a => new { a.Id, a.PatientId, a.WardId, a.Patient!.MunicipalityId, End = a.End!.Value })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var day = DateOnly.FromDateTime(DanishCalendar.ToDanishTime(r.End));
            return new FlagCandidate(r.PatientId, FlagSubject.Admission, r.Id, r.MunicipalityId, r.WardId, day.AddDays(days),
                $"Intet netværksmøde holdt i de {days} dage efter udskrivningen {FlagText.Day(day)}");
        }).ToList();
    }
}

/// <summary>5. A meeting held more than N working days ago without minutes. For the chair's organization.</summary>
public sealed class MinutesMissingRule : IFlagRule
{
    public string Id => FlagRuleIds.MinutesMissing;

    public string Name => "Referat mangler";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var recent = context.Now.AddDays(-context.Settings.LookbackDays);
        var rows = await context.ForPatients(context.Db.Meetings, m => m.PatientId)
            .Where(m => m.HeldAt != null && m.HeldAt >= recent && !m.Minutes.Any())
            .Select(m => new { m.Id, m.PatientId, Owner = m.HostOrganizationId ?? m.Patient!.MunicipalityId, HeldAt = m.HeldAt!.Value })
            .ToListAsync(ct);
        return rows
            .Select(r => (Row: r, Deadline: DanishCalendar.AddWorkingDays(DateOnly.FromDateTime(DanishCalendar.ToDanishTime(r.HeldAt)), context.Settings.MinutesMissingWorkingDays)))
            .Where(x => context.Today > x.Deadline)
            .Select(x => new FlagCandidate(x.Row.PatientId, FlagSubject.Meeting, x.Row.Id, x.Row.Owner, null, x.Deadline,
                $"Netværksmødet {FlagText.Day(DateOnly.FromDateTime(DanishCalendar.ToDanishTime(x.Row.HeldAt)))} mangler referat"))
            .ToList();
    }
}

/// <summary>6. A follow-up task past its due date. For the owning organization.</summary>
public sealed class FollowUpOverdueRule : IFlagRule
{
    public string Id => FlagRuleIds.FollowUpOverdue;

    public string Name => "Opfølgningsopgave overskredet";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var today = context.Today;
        var rows = await context.ForPatients(context.Db.FollowUpTasks, t => t.PatientId)
            .Where(t => t.CompletedAt == null && t.DueDate < today)
            .Select(t => new { t.Id, t.PatientId, t.OwnerOrganizationId, t.DueDate })
            .ToListAsync(ct);
        return rows.Select(r => new FlagCandidate(r.PatientId, FlagSubject.Task, r.Id, r.OwnerOrganizationId, null, r.DueDate,
            $"Opgave med frist {FlagText.Day(r.DueDate)} er ikke løst")).ToList();
    }
}

/// <summary>7b. A consent to exchange information past its end date while the forløb in Psykiatriens Hus goes on.</summary>
public sealed class ConsentExpiredRule : IFlagRule
{
    public string Id => FlagRuleIds.ConsentExpired;

    public string Name => "Samtykke udløbet";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var today = context.Today;
        var rows = await context.ForPatients(context.Db.CrossSectorConsents, c => c.PatientId)
            .Where(c => c.WithdrawnOn == null && c.ValidUntil != null && c.ValidUntil < today)
            .Where(c => !context.Db.CrossSectorConsents.Any(newer => newer.PatientId == c.PatientId && newer.GivenOn > c.GivenOn))
            .SelectMany(c => context.Db.HouseCourses.Where(h => h.PatientId == c.PatientId && h.EndDate == null),
                (c, h) => new { c.Id, c.PatientId, h.HouseId, Until = c.ValidUntil!.Value })
            .ToListAsync(ct);
        return rows.Select(r => new FlagCandidate(r.PatientId, FlagSubject.Consent, r.Id, r.HouseId, null, r.Until,
            $"Samtykke til udveksling af oplysninger udløb {FlagText.Day(r.Until)}; forløbet i Psykiatriens Hus fortsætter")).ToList();
    }
}
