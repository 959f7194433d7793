// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Net;
using CaseHub.Core.Indicators;
using CaseHub.Fhir.Common;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>Measure and MeasureReport: indicator definitions for everyone signed in, results for analysts only, no patients.</summary>
public class FhirIndicatorTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    private Task<long> ResultAsync(string period, bool suppressed) => factory.WithDbAsync(async db =>
    {
        var result = new IndicatorResult
        {
            IndicatorId = IndicatorCatalog.TargetEpisodes, Period = period, AreaType = AreaType.Region, AreaCode = "1081", AreaName = "Region Nordjylland",
            AgeGroup = suppressed ? AgeGroup.Children : AgeGroup.All, Numerator = suppressed ? 3 : 1263, Denominator = 592000,
            Value = suppressed ? 0.5 : 213.3, Suppressed = suppressed, ComputedAt = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc),
        };
        db.Add(result);
        await db.SaveChangesAsync();
        return result.Id;
    });

    [Fact]
    public async Task Every_indicator_is_a_measure_readable_by_any_signed_in_user()
    {
        var client = await factory.CachedClientAsync("kontakt.s4");
        var measure = await (await client.GetAsync($"/fhir/Measure/{IndicatorCatalog.TargetEpisodes}")).ResourceAsync<Measure>();
        Assert.Equal(CaseHubUrls.Measure(IndicatorCatalog.TargetEpisodes), measure.Url);
        Assert.Equal("decrease", measure.ImprovementNotation.Coding.Single().Code);

        var all = await (await client.GetAsync("/fhir/Measure?_count=100")).ResourceAsync<Bundle>();
        Assert.Equal(IndicatorCatalog.All.Count + IndicatorCatalog.Operational.Count, all.Total);
        var byIdentifier = await (await client.GetAsync($"/fhir/Measure?identifier={Uri.EscapeDataString(CaseHubUrls.IndicatorSystem + "|open-flags")}")).ResourceAsync<Bundle>();
        Assert.Equal("open-flags", byIdentifier.Entry.Single().Resource.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fhir/Measure/no-such-indicator")).StatusCode);
    }

    [Fact]
    public async Task Analysts_read_exact_results_without_patients_and_others_get_403()
    {
        var exact = await ResultAsync("2024", suppressed: false);
        var small = await ResultAsync("2024H2", suppressed: true);
        var analyst = await factory.CachedClientAsync("analytiker");

        var report = await (await analyst.GetAsync($"/fhir/MeasureReport/{small}")).ResourceAsync<MeasureReport>();
        Assert.Null(report.Subject);
        Assert.Equal(3, report.Group.Single().Population.First().Count);
        Assert.True(((FhirBoolean)report.GetExtension(CaseHubUrls.PublicationSuppressedExtension).Value).Value);
        Assert.Equal("DK-81", ((Coding)report.GetExtension(CaseHubUrls.IndicatorAreaExtension).Value).Code);
        Assert.Equal(("2024-07-01", "2024-12-31"), (report.Period.Start, report.Period.End));

        var search = await (await analyst.GetAsync($"/fhir/MeasureReport?measure={IndicatorCatalog.TargetEpisodes}&period=2024-03-01")).ResourceAsync<Bundle>();
        Assert.Contains(search.Entry, e => e.Resource.Id == exact.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(search.Entry, e => e.Resource.Id == small.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var ward = await factory.CachedClientAsync("kontakt.s4");
        Assert.Equal(HttpStatusCode.Forbidden, (await ward.GetAsync($"/fhir/MeasureReport/{exact}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ward.GetAsync("/fhir/MeasureReport")).StatusCode);
    }
}
