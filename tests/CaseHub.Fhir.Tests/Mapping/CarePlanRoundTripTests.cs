// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee.
#nullable disable

using CaseHub.Core.Agreements;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Agreements;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Tests.Mapping;

/// <summary>Udskrivningsaftale and koordinationsplan -> CarePlan -> wire -> CarePlan -> domain keeps every content field and action.</summary>
public class CarePlanRoundTripTests
{
    private static CareDocument Filled(DocumentKind kind, DocumentStatus status = DocumentStatus.Sent)
    {
        var document = new CareDocument
        {
            Kind = kind, Status = status, SeriesId = Guid.NewGuid(), Revision = 2, PreviousVersionId = Guid.NewGuid(), Version = 3,
            PatientId = Guid.NewGuid(), AdmissionId = Guid.NewGuid(), AuthoringWardId = Guid.NewGuid(), ReceivingMunicipalityId = Guid.NewGuid(),
            LegalBasis = kind == DocumentKind.DischargeAgreement ? DocumentLegalBasis.Section13aStk2 : DocumentLegalBasis.Section13b,
            NetworkMeetingRequested = true, EndedOn = new DateOnly(2026, 6, 1),
            CreatedAt = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), UpdatedAt = new DateTime(2026, 3, 2, 9, 30, 0, DateTimeKind.Utc),
            Actions =
            [
                new AgreedAction { What = "Bostøtte", ResponsibleOrganization = "Aalborg Kommune", ResponsiblePerson = "Lone", DueOn = new DateOnly(2026, 3, 16), Status = ActionStatus.InProgress },
                new AgreedAction { What = "Ambulant tid", Status = ActionStatus.Done },
            ],
        };
        var day = 1;
        foreach (var field in DocumentSections.For(kind).SelectMany(s => s.FieldsFor(kind)))
        {
            switch (field.Type)
            {
                case FieldType.Text or FieldType.LongText:
                    field.Set(document, $"{field.Label}: æøå\nlinje 2");
                    break;
                case FieldType.Date:
                    field.Set(document, new DateOnly(2026, 3, day++));
                    break;
            }
        }

        return document;
    }

    private static CarePlan OverTheWire(CarePlan resource, string profile)
    {
        Assert.Empty(Samples.Validator.Validate(resource, profile));
        return Samples.Parse<CarePlan>(Samples.Serialization.Serialize(resource));
    }

    [Theory]
    [InlineData(DocumentKind.DischargeAgreement)]
    [InlineData(DocumentKind.CoordinationPlan)]
    public void Every_content_field_and_action_comes_back(DocumentKind kind)
    {
        var document = Filled(kind);
        var resource = OverTheWire(CarePlanMapper.ToFhir(document), CarePlanMapper.Profile(kind));
        var (data, issues) = CarePlanMapper.FromFhir(resource);

        Assert.Empty(issues);
        Assert.Equal(kind, data.Kind);
        Assert.Equal(document.PatientId, data.PatientId);
        Assert.Equal(document.AuthoringWardId, data.WardId);
        foreach (var field in DocumentSections.For(kind).SelectMany(s => s.FieldsFor(kind)))
        {
            Assert.True(data.Fields.ContainsKey(field.Name), $"{field.Name} did not come back");
            Assert.Equal(field.Get(document), data.Fields[field.Name]);
        }

        Assert.Equal(
            document.Actions.Select(a => (a.What, a.ResponsibleOrganization, a.ResponsiblePerson, a.DueOn, a.Status)),
            data.Actions.Select(a => (a.What, a.ResponsibleOrganization, a.ResponsiblePerson, a.DueOn, a.Status)));
        Assert.Equal($"CarePlan/{document.PreviousVersionId}", Assert.Single(resource.Replaces).Reference);
        Assert.Equal($"Organization/{document.ReceivingMunicipalityId}", Assert.Single(resource.Contributor).Reference);
        Assert.Equal("2026-06-01", resource.Period.End);
        Assert.Equal(CarePlan.CarePlanIntent.Plan, resource.Intent);
    }

    [Fact]
    public void Fields_of_the_other_kind_are_not_sent()
    {
        var resource = CarePlanMapper.ToFhir(Filled(DocumentKind.CoordinationPlan));
        var codes = resource.Note.Select(n => ((Coding)n.Extension.Single().Value).Code).ToList();
        Assert.Contains("declineReason", codes);
        Assert.DoesNotContain("consentScope", codes);
        Assert.DoesNotContain("legalBasis", codes);
    }

    [Theory]
    [InlineData(DocumentStatus.Draft, RequestStatus.Draft, "draft")]
    [InlineData(DocumentStatus.Sent, RequestStatus.Active, "sent")]
    [InlineData(DocumentStatus.Accepted, RequestStatus.Active, "accepted")]
    [InlineData(DocumentStatus.Active, RequestStatus.Active, "active")]
    [InlineData(DocumentStatus.Ended, RequestStatus.Completed, "ended")]
    [InlineData(DocumentStatus.Superseded, RequestStatus.Revoked, "superseded")]
    [InlineData(DocumentStatus.EnteredInError, RequestStatus.EnteredInError, "entered-in-error")]
    public void The_workflow_status_maps_to_the_fhir_status_and_is_kept_exactly_in_the_extension(DocumentStatus status, RequestStatus fhir, string code)
    {
        var resource = OverTheWire(CarePlanMapper.ToFhir(Filled(DocumentKind.DischargeAgreement, status)), CaseHubUrls.UdskrivningsaftaleProfile);
        Assert.Equal(fhir, resource.Status);
        Assert.Equal(code, ((Coding)resource.Extension.Single(e => e.Url == CaseHubUrls.DocumentStatusExtension).Value).Code);
    }

    [Fact]
    public void A_status_that_disagrees_with_the_workflow_status_breaks_the_profile()
    {
        var resource = CarePlanMapper.ToFhir(Filled(DocumentKind.DischargeAgreement, DocumentStatus.Ended));
        resource.Status = RequestStatus.Active;
        Assert.Contains(Samples.Validator.Validate(resource, CaseHubUrls.UdskrivningsaftaleProfile), i => i.Message.Contains("chcp-1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_udskrivningsaftale_profile_refuses_the_koordinationsplan_category_and_a_note_without_field_code()
    {
        var resource = CarePlanMapper.ToFhir(Filled(DocumentKind.CoordinationPlan));
        resource.Note.Add(new Annotation { Text = "løs tekst" });
        var issues = Samples.Validator.Validate(resource, CaseHubUrls.UdskrivningsaftaleProfile);
        Assert.Contains(issues, i => i.Path.StartsWith("CarePlan.category", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Path.StartsWith($"CarePlan.note[{resource.Note.Count - 1}]", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreadable_date_or_unknown_field_is_an_issue_at_the_note()
    {
        var resource = CarePlanMapper.ToFhir(Filled(DocumentKind.CoordinationPlan));
        var date = resource.Note.FindIndex(n => ((Coding)n.Extension.Single().Value).Code == "drawnUpOn");
        resource.Note[date].Text = "i morgen";
        var consent = new Annotation { Text = "ja" };
        consent.Extension.Add(new Extension(CaseHubUrls.DocumentSectionExtension, new Coding(CaseHubUrls.DocumentSectionSystem, "consentScope")));
        resource.Note.Add(consent);

        var (_, issues) = CarePlanMapper.FromFhir(resource);

        Assert.Contains(issues, i => i.Path == $"CarePlan.note[{date}].text");
        Assert.Contains(issues, i => i.Path == $"CarePlan.note[{resource.Note.Count - 1}]");
    }
}
