using Bunit;
using CaseHub.Core.Organizations;
using CaseHub.Web.Components;

namespace CaseHub.Web.Tests.Components;

public class ParticipantPickerTests : BunitContext
{
    private static readonly ParticipantPicker.Member Ward = new(Guid.NewGuid(), "Camilla Berg", "Afsnit S4", Sector.Region);
    private static readonly ParticipantPicker.Member Caseworker = new(Guid.NewGuid(), "Line Munk", "Aalborg Kommune", Sector.Municipality);
    private static readonly ParticipantPicker.Member Mother = new(Guid.NewGuid(), "Grethe Andersen", "Pårørende, Mor", null);

    [Fact]
    public void Groups_the_team_by_sector_with_one_checkbox_each_and_keeps_the_selection()
    {
        var picker = Render<ParticipantPicker>(p => p
            .Add(c => c.Members, [Ward, Caseworker, Mother])
            .Add(c => c.Selected, [Caseworker.Id]));

        Assert.Equal(["Regionen", "Kommunen", "Borgeren og netværket"], picker.FindAll(".picker-group h3").Select(h => h.TextContent));
        var boxes = picker.FindAll("input[type=checkbox]");
        Assert.Equal(3, boxes.Count);
        Assert.All(boxes, b => Assert.Equal("Input.ParticipantIds", b.GetAttribute("name")));
        Assert.Equal([Caseworker.Id.ToString()], boxes.Where(b => b.HasAttribute("checked")).Select(b => b.GetAttribute("value")));
        Assert.Equal(boxes.Select(b => b.Id), picker.FindAll("label").Select(l => l.GetAttribute("for")));
    }

    [Fact]
    public void Shows_which_sector_is_missing_and_the_error_next_to_the_field()
    {
        var picker = Render<ParticipantPicker>(p => p
            .Add(c => c.Members, [Ward, Caseworker])
            .Add(c => c.Selected, [Caseworker.Id])
            .Add(c => c.Error, "Vælg mindst én deltager fra kommunen og én fra regionen."));

        Assert.Contains("warn", picker.Find("[data-sector=Region]").ClassList);
        Assert.Contains("mangler", picker.Find("[data-sector=Region]").TextContent, StringComparison.Ordinal);
        Assert.Contains("ok", picker.Find("[data-sector=Municipality]").ClassList);
        Assert.Equal("Vælg mindst én deltager fra kommunen og én fra regionen.", picker.Find("[data-valmsg-for='Input.ParticipantIds']").TextContent);

        var both = Render<ParticipantPicker>(p => p.Add(c => c.Members, [Ward, Caseworker]).Add(c => c.Selected, [Caseworker.Id, Ward.Id]));
        Assert.Contains("ok", both.Find("[data-sector=Region]").ClassList);
    }
}
