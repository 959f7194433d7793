using Bunit;
using CaseHub.Web.Components;

namespace CaseHub.Web.Tests.Components;

public class TaskListTests : BunitContext
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static TaskList.Row Task(string description, DateOnly due, bool canComplete = true, DateTime? completedAt = null) =>
        new(Guid.NewGuid(), 3, description, "Peter Andersen", "/Patients/Case/x", "Afsnit S4", due, canComplete, completedAt, completedAt is null ? null : "Mads");

    [Fact]
    public void Sorts_by_due_date_both_ways_and_marks_only_open_tasks_past_their_due_date_as_overdue()
    {
        TaskList.Row[] tasks =
        [
            Task("Senere", Today.AddDays(5)),
            Task("I dag", Today),
            Task("I går", Today.AddDays(-1)),
            Task("Afsluttet for sent", Today.AddDays(-3), completedAt: new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc)),
        ];

        var list = Render<TaskList>(p => p.Add(c => c.Tasks, tasks).Add(c => c.Today, Today));
        Assert.Equal(["Afsluttet for sent", "I går", "I dag", "Senere"], list.FindAll("tbody tr td:first-child").Select(td => td.TextContent));
        var overdue = Assert.Single(list.FindAll("tr.task-overdue"));
        Assert.Contains("I går", overdue.TextContent, StringComparison.Ordinal);
        Assert.Contains("Overskredet", overdue.TextContent, StringComparison.Ordinal);
        Assert.Contains("02-03-2026", list.Markup, StringComparison.Ordinal);

        var descending = Render<TaskList>(p => p.Add(c => c.Tasks, tasks).Add(c => c.Today, Today).Add(c => c.Descending, true)
            .Add(c => c.SortUrl, key => $"/FollowUps?sort={key}"));
        Assert.Equal("Senere", descending.Find("tbody tr td:first-child").TextContent);
        Assert.Equal("/FollowUps?sort=due", descending.Find("a.sort-link").GetAttribute("href"));
    }

    [Fact]
    public void Offers_completion_only_to_the_owner_of_an_open_task_with_the_antiforgery_token()
    {
        var mine = Task("Min opgave", Today);
        var theirs = Task("Andres opgave", Today, canComplete: false);
        var list = Render<TaskList>(p => p
            .Add(c => c.Tasks, [mine, theirs])
            .Add(c => c.Today, Today)
            .Add(c => c.CompleteAction, "/FollowUps?handler=Complete")
            .Add(c => c.AntiforgeryToken, "token-123"));

        var form = Assert.Single(list.FindAll("form"));
        Assert.Equal("/FollowUps?handler=Complete", form.GetAttribute("action"));
        Assert.Equal(mine.Id.ToString(), form.QuerySelector("input[name=taskId]")!.GetAttribute("value"));
        Assert.Equal("3", form.QuerySelector("input[name=version]")!.GetAttribute("value"));
        Assert.Equal("token-123", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));

        var empty = Render<TaskList>(p => p.Add(c => c.Tasks, []).Add(c => c.Today, Today).Add(c => c.EmptyText, "Du har ingen åbne opgaver."));
        Assert.Equal("Du har ingen åbne opgaver.", empty.Find(".empty").TextContent);
    }
}
