// Firely's model is nullable throughout; these tests assert on shapes the profiles guarantee.
#nullable disable

using CaseHub.Core.Agreements;
using CaseHub.Fhir.Agreements;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Tests.Mapping;

/// <summary>What a CarePlan carries back for writes: references, status, series identifier, end date and participants, lossless.</summary>
public class CarePlanWriteRoundTripTests
{
    private static CareDocument Document(DocumentKind kind, DocumentStatus status)
    {
        var document = new CareDocument
        {
            Kind = kind, Status = status, SeriesId = Guid.NewGuid(), Revision = 1, Version = 4,
            PatientId = Guid.NewGuid(), AdmissionId = Guid.NewGuid(), AuthoringWardId = Guid.NewGuid(), ReceivingMunicipalityId = Guid.NewGuid(),
            LegalBasis = kind == DocumentKind.DischargeAgreement ? DocumentLegalBasis.Section13aStk1 : DocumentLegalBasis.Section13b,
            DrawnUpOn = new DateOnly(2026, 3, 2), EndedOn = status == DocumentStatus.Ended ? new DateOnly(2026, 5, 1) : null,
            CreatedAt = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), UpdatedAt = new DateTime(2026, 3, 2, 9, 30, 0, DateTimeKind.Utc),
        };
        foreach (var role in Enum.GetValues<ParticipantRole>())
        {
            document.Participants.Add(new DocumentParticipant
            {
                Role = role, Name = $"{role} Navn æøå",
                Organization = role == ParticipantRole.GeneralPractitioner ? "Ydernr. 012345" : null,
                Contact = role == ParticipantRole.Relative ? null : "98 12 34 56",
            });
        }

        return document;
    }

    [Theory]
    [InlineData(DocumentKind.DischargeAgreement, DocumentStatus.Draft)]
    [InlineData(DocumentKind.DischargeAgreement, DocumentStatus.Accepted)]
    [InlineData(DocumentKind.CoordinationPlan, DocumentStatus.Ended)]
    [InlineData(DocumentKind.CoordinationPlan, DocumentStatus.EnteredInError)]
    public void References_status_identifier_end_and_participants_come_back(DocumentKind kind, DocumentStatus status)
    {
        var document = Document(kind, status);
        var resource = CarePlanMapper.ToFhir(document);
        Assert.Empty(Samples.Validator.Validate(resource, CarePlanMapper.Profile(kind)));
        var (data, issues) = CarePlanMapper.FromFhir(Samples.Parse<CarePlan>(Samples.Serialization.Serialize(resource)));

        Assert.Empty(issues);
        Assert.Equal((document.AdmissionId, document.ReceivingMunicipalityId, status, document.SeriesId, document.EndedOn),
            (data.AdmissionId.Value, data.MunicipalityId.Value, data.Status.Value, data.SeriesId.Value, data.EndedOn));
        Assert.Equal(
            document.Participants.Select(p => (p.Role, p.Name, p.Organization, p.Contact)).Order(),
            data.Participants.Select(p => (p.Participant.Role, p.Participant.Name, p.Participant.Organization, p.Participant.Contact)).Order());
        Assert.Equal(document.SeriesId.ToString(), resource.Identifier.Single(i => i.System == CaseHubUrls.CareDocumentSystem).Value);
    }

    [Fact]
    public void The_same_document_maps_to_the_same_resource_whatever_order_the_database_returns()
    {
        var document = Document(DocumentKind.DischargeAgreement, DocumentStatus.Draft);
        document.Actions.Add(new AgreedAction { What = "B", DueOn = new DateOnly(2026, 4, 1) });
        document.Actions.Add(new AgreedAction { What = "A", DueOn = new DateOnly(2026, 4, 2) });
        var first = Samples.Serialization.Serialize(CarePlanMapper.ToFhir(document));
        document.Participants.Reverse();
        document.Actions.Reverse();
        Assert.Equal(first, Samples.Serialization.Serialize(CarePlanMapper.ToFhir(document)));
    }

    [Fact]
    public void A_participant_without_a_known_role_breaks_the_profile_and_is_an_issue_at_its_extension()
    {
        var resource = CarePlanMapper.ToFhir(Document(DocumentKind.DischargeAgreement, DocumentStatus.Draft));
        var index = resource.Extension.FindIndex(e => e.Url == CaseHubUrls.DocumentParticipantExtension);
        resource.Extension[index].Extension.Single(e => e.Url == "role").Value = new Coding(CaseHubUrls.ParticipantRoleSystem, "Chauffeur");
        Assert.Contains(Samples.Validator.Validate(resource, CaseHubUrls.UdskrivningsaftaleProfile), i => i.Path.StartsWith($"CarePlan.extension[{index}]", StringComparison.Ordinal));
        Assert.Contains(CarePlanMapper.FromFhir(resource).Issues, i => i.Path == $"CarePlan.extension[{index}]");
    }
}
