using CaseHub.Core.Flags;
using CaseHub.Core.Indicators;
using CaseHub.Core.Organizations;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Web.Tests.Indicators;

/// <summary>The operational table on the dashboard shows the user's own organization's figures, in Danish.</summary>
public sealed class OperationalDashboardTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    [Fact]
    public async Task The_analyst_sees_the_operational_indicators_of_their_region()
    {
        var region = await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.Region && o.Code == ReferenceData.Codes.RegionNordjylland));
        var ward = await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Code == ReferenceData.Codes.WardAalborgS4));
        string year;
        await using (var scope = factory.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.CaseHubDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var patient = await db.Patients.FirstAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            year = Core.Calendar.DanishCalendar.Today(clock).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            db.Flags.AddRange(Enumerable.Range(0, 7).Select(i => new Flag
            {
                PatientId = patient.Id, Rule = "test.operational", SubjectKind = "test", SubjectId = Guid.NewGuid(), Summary = $"Testflag {i}",
                OwnerOrganizationId = ward.Id, RaisedAt = now.AddDays(-1),
            }));
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<ComputeIndicators>().RunAsync();
        }

        var expected = await factory.WithDbAsync(db => db.IndicatorResults.SingleAsync(r =>
            r.IndicatorId == OperationalIds.OpenFlags && r.AreaType == AreaType.Region && r.AreaCode == region.Code && r.AgeGroup == AgeGroup.All
            && r.Period == year));
        Assert.True(expected.Numerator >= 7);

        var page = await factory.ClientFor("analytiker").GetPageAsync("/Indicators");
        Assert.Contains($"Driftsindikatorer for {region.Name}", page.QuerySelector("#operational-heading")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelectorAll("#operational-table tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Åbne flag");
        Assert.Contains(row.QuerySelectorAll("td"), cell => cell.TextContent == expected.Numerator.ToString("N0", CaseHub.Web.Localization.DanishCulture.Instance));
    }

    [Fact]
    public async Task A_ward_user_is_refused_the_dashboard()
    {
        var response = await factory.ClientFor("kontakt.s4").GetAsync(new Uri("/Indicators", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
