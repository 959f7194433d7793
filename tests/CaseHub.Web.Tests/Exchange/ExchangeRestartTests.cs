using CaseHub.Core.Exchange;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Web.Tests.Exchange.ExchangePair;

namespace CaseHub.Web.Tests.Exchange;

/// <summary>The process stops in the middle of a delivery: the row is in our database, so a restart delivers it, once.</summary>
public sealed class ExchangeRestartTests(ExchangePair pair) : IClassFixture<ExchangePair>
{
    [Fact]
    public async Task A_delivery_cut_off_by_a_stopping_process_is_delivered_once_after_the_restart()
    {
        var directory = NewDirectory();
        var first = pair.NewRegion(directory);
        var documentId = await pair.SentDocumentAsync(first);
        pair.Board.Hang = key => key.StartsWith(documentId.ToString("D"), StringComparison.Ordinal);

        // The process stops while the request is on its way: the delivery is cancelled mid-flight.
        using (var stopping = new CancellationTokenSource())
        {
            var run = DeliverAsync(first, stopping.Token);
            await pair.Board.Hung.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            await stopping.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        var claimed = Assert.Single(await OutboxAsync(first, documentId));
        Assert.Equal((DeliveryStatus.Pending, 1), (claimed.Status, claimed.Attempts));
        await first.DisposeAsync();
        pair.Board.Reset();

        // A new process on the same database: the claim's lease keeps it back for a while, then it goes.
        await using var second = pair.NewRegion(directory);
        await DeliverAsync(second);
        Assert.Equal(DeliveryStatus.Pending, Assert.Single(await OutboxAsync(second, documentId)).Status);
        pair.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await DeliverAsync(second);

        var row = Assert.Single(await OutboxAsync(second, documentId));
        Assert.Equal((DeliveryStatus.Delivered, 2), (row.Status, row.Attempts));
        Assert.Equal(Core.Agreements.DocumentStatus.Sent, (await DocumentAsync(pair.Municipality, documentId))!.Status);
        Assert.Equal(1, await pair.Municipality.WithDbAsync(db => db.DocumentEvents.CountAsync(e => e.DocumentId == documentId)));
    }
}
