using System.Diagnostics.Metrics;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Exchange;

/// <summary>
/// The delivery job: sends every due outbox row, each on its own (one failing receiver never holds back another
/// row). A row is claimed before it is sent (attempt counted, lease set, concurrency token checked), so several job
/// servers never send the same attempt, and a process that stops mid-delivery leaves the row pending: it is sent
/// again when the lease runs out, and the receiver's idempotency makes that harmless.
/// </summary>
public sealed partial class DeliverOutbox(
    CaseHubDbContext db, ExchangeClient client, IOptionsMonitor<ExchangeSettings> options, TimeProvider clock, ILogger<DeliverOutbox> logger)
{
    /// <summary>The recurring job's stable id.</summary>
    public const string RecurringId = "exchange-deliver";

    // Outcomes per receiver organization code (an organization, never a person), for dashboards and alerts on failures.
    private static readonly Counter<long> Outcomes = Telemetry.Meter.CreateCounter<long>(
        "casehub.exchange.deliveries", description: "Delivery attempts by outcome (delivered, retry, failed)");

    /// <summary>Delivers the due rows; returns how many were delivered.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == DeliveryStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(ct);
        var delivered = 0;
        foreach (var id in due)
        {
            if (await DeliverOneAsync(id, settings, ct))
            {
                delivered++;
            }
        }

        return delivered;
    }

    private async Task<bool> DeliverOneAsync(Guid id, ExchangeSettings settings, CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity("exchange.deliver");
        activity?.SetTag("casehub.outbox.id", id);
        db.ChangeTracker.Clear();
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (message is null || message.Status != DeliveryStatus.Pending || message.NextAttemptAt > now)
        {
            return false;
        }

        // Claim: count the attempt and hold the row for the lease before anything leaves the building.
        message.Attempts++;
        message.LastAttemptAt = now;
        message.NextAttemptAt = now.AddSeconds(settings.LeaseSeconds);
        message.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // another server claimed it
        }

        var attempt = settings.Endpoints.TryGetValue(message.ReceiverCode, out var endpoint)
            ? await client.SendAsync(endpoint, message, ct)
            : new DeliveryAttempt(false, false, $"Der er ikke konfigureret en modtager for {message.ReceiverCode}.");

        var after = clock.GetUtcNow().UtcDateTime;
        message.Version++;
        var outcome = attempt.Delivered ? "delivered" : !attempt.Retry || message.Attempts >= settings.MaxAttempts ? "failed" : "retry";
        Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("receiver", message.ReceiverCode));
        activity?.SetTag("casehub.exchange.outcome", outcome);
        activity?.SetTag("casehub.exchange.receiver", message.ReceiverCode);
        activity?.SetTag("casehub.exchange.attempt", message.Attempts);
        if (attempt.Delivered)
        {
            message.Status = DeliveryStatus.Delivered;
            message.DeliveredAt = after;
            message.LastError = null;
            LogDelivered(message.Id, message.ReceiverCode, message.IdempotencyKey, message.Attempts);
        }
        else if (!attempt.Retry || message.Attempts >= settings.MaxAttempts)
        {
            message.Status = DeliveryStatus.Failed;
            message.LastError = attempt.Error;
            LogFailed(message.Id, message.ReceiverCode, message.Attempts, attempt.Error);
        }
        else
        {
            message.NextAttemptAt = after + settings.Backoff(message.Attempts);
            message.LastError = attempt.Error;
            LogRetry(message.Id, message.ReceiverCode, message.Attempts, message.NextAttemptAt, attempt.Error);
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An administrator resent the row meanwhile; the receiver's idempotency covers a second delivery.
            return attempt.Delivered;
        }

        return attempt.Delivered;
    }

    /// <summary>An administrator sends a failed delivery again: it becomes due now, with a fresh set of attempts.</summary>
    public static async Task<bool> ResendAsync(CaseHubDbContext db, Guid id, DateTime now, CancellationToken ct)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || message.Status != DeliveryStatus.Failed)
        {
            return false;
        }

        message.Status = DeliveryStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.Version++;
        await db.SaveChangesAsync(ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {MessageId} delivered to {Receiver} ({IdempotencyKey}) after {Attempts} attempt(s)")]
    private partial void LogDelivered(Guid messageId, string receiver, string idempotencyKey, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {MessageId} to {Receiver} failed for good after {Attempts} attempt(s): {Error}")]
    private partial void LogFailed(Guid messageId, string receiver, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {MessageId} to {Receiver} attempt {Attempts} failed, next at {NextAttemptAt:o}: {Error}")]
    private partial void LogRetry(Guid messageId, string receiver, int attempts, DateTime nextAttemptAt, string? error);
}
