using CaseHub.Core.Flags;
using CaseHub.Core.Flags.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Tests.Flags;

/// <summary>Whoever tries the demo sees every flag rule at work on the worklists.</summary>
public class DemoFlagExamplesTests
{
    [Fact]
    public async Task The_demo_data_has_an_open_flag_for_every_rule()
    {
        await using var test = await TestDatabase.CreateAsync();
        IFlagRule[] rules =
        [
            new MissingAtDischargeRule(), new MissingBeforeDischargeRule(), new UnansweredRule(), new ReviewDueRule(),
            new MeetingOverdueRule(), new NoMeetingAfterDischargeRule(), new MinutesMissingRule(), new FollowUpOverdueRule(),
            new ConsentExpiredRule(),
        ];
        await using var db = test.NewContext();
        await new FlagEvaluator(db, rules, test.Clock, Options.Create(new FlagSettings())).EvaluateAsync();

        var open = await db.Flags.Where(f => f.ResolvedAt == null).Select(f => f.Rule).Distinct().ToListAsync();
        Assert.Equal(rules.Select(r => r.Id).Order(StringComparer.Ordinal), open.Order(StringComparer.Ordinal));
    }
}
