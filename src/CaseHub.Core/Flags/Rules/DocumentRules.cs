using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Flags.Rules;

/// <summary>
/// 1. A target-group admission ended without an accepted or active agreement or plan (an ended one counts: it was in
/// force). For the ward; the municipality sees it too. Only discharges of the last <c>LookbackDays</c> are looked at.
/// </summary>
public sealed class MissingAtDischargeRule : IFlagRule
{
    internal static readonly DocumentStatus[] InForce = [DocumentStatus.Accepted, DocumentStatus.Active, DocumentStatus.Ended];

    public string Id => FlagRuleIds.MissingAtDischarge;

    public string Name => "Udskrevet uden aftale eller plan";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var since = context.Now.AddDays(-context.Settings.LookbackDays);
        var rows = await context.ForPatients(context.Db.Admissions, a => a.PatientId)
            .Where(Admission.InTargetGroupQuery)
            .Where(a => a.End != null && a.End >= since)
            .Where(a => !context.Db.CareDocuments.Any(d => d.AdmissionId == a.Id && InForce.Contains(d.Status)))
            .Select(a => new { a.Id, a.PatientId, a.WardId, a.Patient!.MunicipalityId, End = a.End!.Value })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var day = DateOnly.FromDateTime(DanishCalendar.ToDanishTime(r.End));
            return new FlagCandidate(r.PatientId, FlagSubject.Admission, r.Id, r.WardId, r.MunicipalityId, day,
                $"Udskrevet {FlagText.Day(day)} uden godkendt udskrivningsaftale eller koordinationsplan");
        }).ToList();
    }
}

/// <summary>2. Planned discharge within N days and no agreement or plan at least sent.</summary>
public sealed class MissingBeforeDischargeRule : IFlagRule
{
    private static readonly DocumentStatus[] AtLeastSent = [DocumentStatus.Sent, DocumentStatus.Accepted, DocumentStatus.Active, DocumentStatus.Ended];

    public string Id => FlagRuleIds.MissingBeforeDischarge;

    public string Name => "Udskrivning nærmer sig uden sendt aftale eller plan";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var horizon = context.Today.AddDays(context.Settings.MissingBeforeDischargeDays);
        var rows = await context.ForPatients(context.Db.Admissions, a => a.PatientId)
            .Where(Admission.InTargetGroupQuery)
            .Where(a => a.End == null && a.PlannedDischargeDate != null && a.PlannedDischargeDate <= horizon)
            .Where(a => !context.Db.CareDocuments.Any(d => d.AdmissionId == a.Id && AtLeastSent.Contains(d.Status)))
            .Select(a => new { a.Id, a.PatientId, a.WardId, a.Patient!.MunicipalityId, Planned = a.PlannedDischargeDate!.Value })
            .ToListAsync(ct);
        return rows.Select(r => new FlagCandidate(r.PatientId, FlagSubject.Admission, r.Id, r.WardId, r.MunicipalityId, r.Planned,
            $"Planlagt udskrivning {FlagText.Day(r.Planned)}; ingen udskrivningsaftale eller koordinationsplan er sendt")).ToList();
    }
}

/// <summary>3. Sent to a municipality and not accepted within N working days. For the municipality.</summary>
public sealed class UnansweredRule : IFlagRule
{
    public string Id => FlagRuleIds.Unanswered;

    public string Name => "Ubesvaret af kommunen";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var rows = await context.ForPatients(context.Db.CareDocuments, d => d.PatientId)
            .Where(d => d.Status == DocumentStatus.Sent)
            .Select(d => new
            {
                d.Id, d.PatientId, d.ReceivingMunicipalityId, d.AuthoringWardId, d.Kind,
                SentAt = d.Events.Where(e => e.ToStatus == DocumentStatus.Sent).Max(e => (DateTime?)e.At),
            })
            .ToListAsync(ct);
        return rows
            .Where(r => r.SentAt is not null)
            .Select(r => (Row: r, Deadline: DanishCalendar.AddWorkingDays(DateOnly.FromDateTime(DanishCalendar.ToDanishTime(r.SentAt!.Value)), context.Settings.UnansweredWorkingDays)))
            .Where(x => context.Today > x.Deadline)
            .Select(x => new FlagCandidate(x.Row.PatientId, FlagSubject.Document, x.Row.Id, x.Row.ReceivingMunicipalityId, x.Row.AuthoringWardId, x.Deadline,
                $"{(x.Row.Kind == DocumentKind.DischargeAgreement ? "Udskrivningsaftale" : "Koordinationsplan")} sendt til kommunen er ikke godkendt; fristen var {FlagText.Day(x.Deadline)}"))
            .ToList();
    }
}

/// <summary>7a. An active agreement or plan past its review date. For the ward; the municipality sees it too.</summary>
public sealed class ReviewDueRule : IFlagRule
{
    public string Id => FlagRuleIds.ReviewDue;

    public string Name => "Revision af aftale eller plan er forfalden";

    public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct)
    {
        var today = context.Today;
        var rows = await context.ForPatients(context.Db.CareDocuments, d => d.PatientId)
            .Where(d => d.Status == DocumentStatus.Active && d.ReviewOn != null && d.ReviewOn < today)
            .Select(d => new { d.Id, d.PatientId, d.AuthoringWardId, d.ReceivingMunicipalityId, Review = d.ReviewOn!.Value })
            .ToListAsync(ct);
        return rows.Select(r => new FlagCandidate(r.PatientId, FlagSubject.Document, r.Id, r.AuthoringWardId, r.ReceivingMunicipalityId, r.Review,
            $"Aftalen eller planen skulle revideres {FlagText.Day(r.Review)}")).ToList();
    }
}
