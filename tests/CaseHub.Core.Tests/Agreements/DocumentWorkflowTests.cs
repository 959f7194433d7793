using CaseHub.Core.Agreements;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Core.Tests.Agreements.DocumentKit;

namespace CaseHub.Core.Tests.Agreements;

/// <summary>Every operation in every status, through the real use cases on a real database.</summary>
public class DocumentWorkflowTests
{
    public enum Op
    {
        EditWardPart,
        EditMunicipalPart,
        Send,
        Accept,
        Activate,
        ProposeChange,
        End,
        EnterInError,
    }

    // The workflow of DOMAIN.md section 2, written out by hand so the code is checked against the rule, not itself.
    private static readonly Dictionary<DocumentStatus, Op[]> Allowed = new()
    {
        [DocumentStatus.Draft] = [Op.EditWardPart, Op.Send, Op.EnterInError],
        [DocumentStatus.Sent] = [Op.EditMunicipalPart, Op.Accept, Op.ProposeChange, Op.EnterInError],
        [DocumentStatus.Accepted] = [Op.Activate, Op.ProposeChange, Op.End, Op.EnterInError],
        [DocumentStatus.Active] = [Op.ProposeChange, Op.End, Op.EnterInError],
        [DocumentStatus.Ended] = [Op.EnterInError],
        [DocumentStatus.Superseded] = [],
        [DocumentStatus.EnteredInError] = [],
    };

    private static readonly Dictionary<Op, DocumentStatus?> Leads = new()
    {
        [Op.EditWardPart] = null,
        [Op.EditMunicipalPart] = null,
        [Op.Send] = DocumentStatus.Sent,
        [Op.Accept] = DocumentStatus.Accepted,
        [Op.Activate] = DocumentStatus.Active,
        [Op.ProposeChange] = DocumentStatus.Superseded,
        [Op.End] = DocumentStatus.Ended,
        [Op.EnterInError] = DocumentStatus.EnteredInError,
    };

    public static TheoryData<DocumentStatus, Op> AllCombinations()
    {
        var data = new TheoryData<DocumentStatus, Op>();
        foreach (var status in Enum.GetValues<DocumentStatus>())
        {
            foreach (var op in Enum.GetValues<Op>())
            {
                data.Add(status, op);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public async Task Each_operation_is_allowed_exactly_in_its_statuses(DocumentStatus status, Op op)
    {
        await using var test = await TestDatabase.CreateAsync();
        var document = await InStatusAsync(test, status);
        var expected = Allowed[status].Contains(op);
        var eventsBefore = await CountEventsAsync(test, document.Id);

        await using var db = test.NewContext();
        var service = new CareDocuments(db, test.Clock);
        var ward = await UserAsync(db, "kontakt.s4");
        var municipality = await UserAsync(db, "sag.aalborg");
        var today = new DateOnly(2026, 3, 2);
        var succeeded = op switch
        {
            Op.EditWardPart => (await service.SaveSectionAsync(ward, document.Id, document.Version, "crisis",
                new Dictionary<string, string?> { ["WarningSigns"] = "Ændret", ["CrisisActions"] = "x", ["CrisisContacts"] = "y" })).Succeeded,
            Op.EditMunicipalPart => (await service.SaveSectionAsync(municipality, document.Id, document.Version, "municipality",
                new Dictionary<string, string?> { ["MunicipalityComment"] = "Kommunens del" })).Succeeded,
            Op.Send => (await service.SendAsync(ward, document.Id, document.Version)).Succeeded,
            Op.Accept => (await service.AcceptAsync(municipality, document.Id, document.Version)).Succeeded,
            Op.Activate => (await service.RegisterDischargeAsync(ward, document.AdmissionId, today)).Succeeded && expected,
            Op.ProposeChange => (await service.ProposeChangeAsync(municipality, document.Id, document.Version, "Ny bolig")).Succeeded,
            Op.End => (await service.EndAsync(ward, document.Id, document.Version, today, "Borgeren er flyttet")).Succeeded,
            Op.EnterInError => (await service.EnterInErrorAsync(ward, document.Id, document.Version, "Forkert borger")).Succeeded,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };

        Assert.Equal(expected, succeeded);
        var after = await ReloadAsync(test, document.Id);
        Assert.Equal(expected ? Leads[op] ?? status : status, after.Status);
        if (op == Op.EditWardPart)
        {
            Assert.Equal(expected ? "Ændret" : "Sover dårligt", after.WarningSigns);
        }

        if (op == Op.EditMunicipalPart)
        {
            Assert.Equal(expected ? "Kommunens del" : null, after.MunicipalityComment);
        }

        // A refused operation leaves no trace but the unchanged row; an allowed one is on the timeline.
        Assert.Equal(expected, await CountEventsAsync(test, document.Id) > eventsBefore);
        Assert.Equal(expected ? document.Version + 1 : document.Version, after.Version);
    }

    [Theory]
    [InlineData("sag.aalborg", "send")]
    [InlineData("kontakt.s4", "accept")]
    [InlineData("sag.hjoerring", "accept")] // another municipality
    [InlineData("kontakt.s3", "edit")] // another ward in the same hospital
    public async Task The_wrong_side_is_refused(string username, string what)
    {
        await using var test = await TestDatabase.CreateAsync();
        var document = await InStatusAsync(test, what == "accept" ? DocumentStatus.Sent : DocumentStatus.Draft);
        await using var db = test.NewContext();
        var service = new CareDocuments(db, test.Clock);
        var user = await UserAsync(db, username);
        var outcome = what switch
        {
            "send" => await service.SendAsync(user, document.Id, document.Version),
            "accept" => await service.AcceptAsync(user, document.Id, document.Version),
            _ => await service.SaveSectionAsync(user, document.Id, document.Version, "crisis", new Dictionary<string, string?> { ["WarningSigns"] = "x" }),
        };
        Assert.False(outcome.Succeeded);
        Assert.StartsWith("Kun ", outcome.Errors[string.Empty], StringComparison.Ordinal);
    }

    private static async Task<int> CountEventsAsync(TestDatabase test, Guid documentId)
    {
        await using var db = test.NewContext();
        return await db.DocumentEvents.CountAsync(e => e.DocumentId == documentId);
    }
}
