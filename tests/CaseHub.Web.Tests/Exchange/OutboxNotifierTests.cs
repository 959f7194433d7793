using CaseHub.Core.Exchange;
using CaseHub.Web.Exchange;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaseHub.Web.Tests.Exchange;

/// <summary>
/// The immediate delivery trigger runs after the change is committed: a job storage that refuses it must not turn the
/// user's successful save into an error (the recurring delivery job sends the rows).
/// </summary>
public sealed class OutboxNotifierTests
{
    [Fact]
    public void A_job_storage_that_refuses_the_trigger_does_not_fail_the_save()
    {
        var jobs = new RefusingJobClient();
        var notifier = new ExchangeSetup.HangfireOutboxNotifier(jobs, new StaticOptions(new ExchangeSettings()), NullLogger<ExchangeSetup.HangfireOutboxNotifier>.Instance);

        notifier.RowsWritten();

        Assert.Equal(1, jobs.Attempts);
    }

    [Fact]
    public void No_trigger_when_delivery_after_commit_is_off()
    {
        var jobs = new RefusingJobClient();
        var notifier = new ExchangeSetup.HangfireOutboxNotifier(jobs, new StaticOptions(new ExchangeSettings { DeliverAfterCommit = false }), NullLogger<ExchangeSetup.HangfireOutboxNotifier>.Instance);

        notifier.RowsWritten();

        Assert.Equal(0, jobs.Attempts);
    }

    private sealed class RefusingJobClient : IBackgroundJobClient
    {
        public int Attempts { get; private set; }

        public string Create(Job job, IState state)
        {
            Attempts++;
            throw new ObjectDisposedException("InMemoryStorage");
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }

    private sealed class StaticOptions(ExchangeSettings value) : IOptionsMonitor<ExchangeSettings>
    {
        public ExchangeSettings CurrentValue => value;

        public ExchangeSettings Get(string? name) => value;

        public IDisposable? OnChange(Action<ExchangeSettings, string?> listener) => null;
    }
}
