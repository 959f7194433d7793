using CaseHub.Core.Flags;
using CaseHub.Core.Indicators;
using CaseHub.Core.Organizations;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Web.Tests.Indicators;

/// <summary>The operational indicators also come as charts (server-side SVG) above their table.</summary>
public sealed class OperationalChartTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    [Fact]
    public async Task The_dashboard_charts_the_operational_shares_and_the_open_flags_of_the_own_region()
    {
        var ward = await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Code == ReferenceData.Codes.WardAalborgS3));
        string period;
        await using (var scope = factory.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.CaseHubDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var patient = await db.Patients.FirstAsync();
            period = Core.Calendar.DanishCalendar.Today(clock).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            db.Flags.AddRange(Enumerable.Range(0, 3).Select(i => new Flag
            {
                PatientId = patient.Id, Rule = "test.chart", SubjectKind = "test", SubjectId = Guid.NewGuid(), Summary = $"Testflag {i}",
                OwnerOrganizationId = ward.Id, RaisedAt = clock.GetUtcNow().UtcDateTime.AddDays(-1),
            }));
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<ComputeIndicators>().RunAsync();
        }

        var openFlags = await factory.WithDbAsync(db => db.IndicatorResults.SingleAsync(r =>
            r.IndicatorId == OperationalIds.OpenFlags && r.AreaType == AreaType.Region && r.AreaCode == ReferenceData.Codes.RegionNordjylland
            && r.AgeGroup == AgeGroup.All && r.Period == period));

        var page = await factory.ClientFor("analytiker").GetPageAsync("/Indicators");
        var shares = page.QuerySelector("#operational-heading")!.ParentElement!.QuerySelector("svg[aria-labelledby='chart-operational-shares-title chart-operational-shares-desc']");
        Assert.NotNull(shares);
        Assert.StartsWith("Andele i procent", shares.QuerySelector("title")!.TextContent, StringComparison.Ordinal);

        var work = page.QuerySelector("svg[aria-labelledby='chart-operational-work-title chart-operational-work-desc']");
        Assert.NotNull(work);
        var bars = work.QuerySelectorAll("rect.chart-bar title").Select(t => t.TextContent).ToList();
        var expected = $"Åbne flag, {period}: {((double)openFlags.Numerator).ToString("N1", CaseHub.Web.Localization.DanishCulture.Instance)} antal";
        Assert.Contains(expected, bars);
    }
}
