// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee, so the annotations only add noise.
#nullable disable

using System.Net;
using CaseHub.Fhir.Common;
using CaseHub.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Tests.Fhir;

/// <summary>The CapabilityStatement states exactly the new types' profiles, interactions, search parameters and includes.</summary>
public class FhirCapabilityTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    [Theory]
    [InlineData("CareTeam", CaseHubUrls.PatientTeamProfile, "_id,patient,subject,status,_lastUpdated,_count", "")]
    [InlineData("Appointment", CaseHubUrls.NetworkMeetingProfile, "_id,patient,status,date,_lastUpdated,_count", "")]
    [InlineData("Communication", CaseHubUrls.MeetingMinutesProfile, "_id,patient,subject,about,sent,_lastUpdated,_count", "")]
    [InlineData("Task", CaseHubUrls.FollowUpProfile, "_id,patient,subject,status,focus,owner,period,_lastUpdated,_count", "create,update")]
    [InlineData("Consent", CaseHubUrls.CrossSectorConsentProfile, "_id,patient,status,date,_lastUpdated,_count", "")]
    [InlineData("Flag", CaseHubUrls.FlagProfile, "_id,patient,subject,status,code,_lastUpdated,_count", "update")]
    [InlineData("Measure", CaseHubUrls.IndicatorProfile, "_id,identifier,url,_lastUpdated,_count", "")]
    [InlineData("MeasureReport", CaseHubUrls.IndicatorReportProfile, "_id,measure,period,date,_lastUpdated,_count", "")]
    public async Task Each_type_states_its_profile_search_parameters_and_interactions(string type, string profile, string parameters, string writes)
    {
        var statement = await (await (await factory.ClientAsync(null)).GetAsync("/fhir/metadata")).ResourceAsync<CapabilityStatement>();
        var resource = statement.Rest.Single().Resource.Single(r => r.Type == type);
        Assert.Equal(profile, resource.Profile);
        Assert.Equal(parameters.Split(','), resource.SearchParam.Select(p => p.Name));
        var expected = new List<CapabilityStatement.TypeRestfulInteraction>
        {
            CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread,
            CapabilityStatement.TypeRestfulInteraction.HistoryInstance, CapabilityStatement.TypeRestfulInteraction.SearchType,
        };
        // Task: create a meeting's decision and complete it; Flag: dismiss it.
        if (writes.Contains("create", StringComparison.Ordinal))
        {
            expected.Add(CapabilityStatement.TypeRestfulInteraction.Create);
        }

        if (writes.Contains("update", StringComparison.Ordinal))
        {
            expected.Add(CapabilityStatement.TypeRestfulInteraction.Update);
        }

        Assert.Equal(expected, resource.Interaction.Select(i => i.Code!.Value));
    }

    [Fact]
    public async Task Includes_and_revincludes_are_stated_where_they_work()
    {
        var statement = await (await (await factory.ClientAsync(null)).GetAsync("/fhir/metadata")).ResourceAsync<CapabilityStatement>();
        var resources = statement.Rest.Single().Resource.ToDictionary(r => r.Type);
        Assert.Equal(["CarePlan:care-team"], resources["CarePlan"].SearchInclude);
        Assert.Equal(["Task:focus"], resources["CarePlan"].SearchRevInclude);
        Assert.Equal(["Task:focus"], resources["Task"].SearchInclude);
        Assert.Equal(["Task:focus"], resources["Appointment"].SearchRevInclude);
        Assert.Empty(resources["Patient"].SearchInclude);

        // What is not stated is refused.
        var client = await factory.ClientAsync("kontakt.s4");
        var response = await client.GetAsync("/fhir/Patient?_revinclude=Task:focus");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("_revinclude", await response.IssuePathsAsync());
    }
}
