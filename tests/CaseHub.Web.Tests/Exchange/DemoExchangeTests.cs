using System.Net;
using CaseHub.Core.Exchange;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Exchange;

/// <summary>
/// The demo's municipality without CaseHub (Brønderslev, appsettings.Development.json): the ward sends Ole Brandt's
/// udskrivningsaftale through the page, and a MedCom CareCommunication delivery appears on the administrator's
/// Leverancer page, as the README tells a newcomer to try.
/// </summary>
public sealed class DemoExchangeTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private const string OleBrandt = "1710794563";

    [Fact]
    public async Task Sending_the_demo_agreement_to_Broenderslev_queues_a_CareCommunication_shown_on_Leverancer()
    {
        var documentId = await factory.WithDbAsync(db => db.CareDocuments.Where(d => d.Patient!.Cpr == OleBrandt).Select(d => d.Id).SingleAsync());

        var sent = await factory.ClientFor("kontakt.s3").SubmitFormAsync($"/Agreements/{documentId}", new Dictionary<string, string?>(), "form.doc-send");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var row = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.DocumentId == documentId));
        Assert.Equal(("0810", OutboxMessage.CareCommunicationType), (row.ReceiverCode, row.ResourceType));
        Assert.Contains("psychiatry-social-disability", row.Payload, StringComparison.Ordinal);

        var page = await factory.ClientFor("admin").GetPageAsync("/Exchange/Deliveries");
        Assert.Contains(page.QuerySelectorAll("td"), cell => cell.TextContent.Contains("Korrespondancemeddelelse (MedCom)", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("td"), cell => cell.TextContent.Contains("Brønderslev Kommune", StringComparison.Ordinal));
    }
}
