// Firely's model is nullable throughout; these tests assert on shapes the mapper guarantees.
#nullable disable

using System.Text;
using CaseHub.Core.Agreements;
using CaseHub.Core.Exchange;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Fhir.Exchange;
using Hl7.Fhir.Model;
using DomainOrganization = CaseHub.Core.Organizations.Organization;
using DomainPatient = CaseHub.Core.Patients.Patient;

namespace CaseHub.Fhir.Tests.Exchange;

/// <summary>An udskrivningsaftale -> MedCom CareCommunication message, as sent to a municipality without CaseHub.</summary>
public class CareCommunicationMapperTests
{
    public const string ExampleFile = "Bundle-care-communication-mette-kristensen.json";

    /// <summary>Mette Kristensen's udskrivningsaftale, version 4, sent from S4 to Aalborg Kommune (fixed ids and times).</summary>
    public static CareCommunicationMessage Message(int version = 4, string receiverCode = ReferenceData.Codes.Aalborg)
    {
        var ward = new DomainOrganization { Kind = OrganizationKind.HospitalWard, Code = ReferenceData.Codes.WardAalborgS4, Name = "Afsnit S4, Psykiatrien Aalborg" };
        var municipality = new DomainOrganization { Kind = OrganizationKind.Municipality, Code = receiverCode, Name = "Aalborg Kommune" };
        var patient = new DomainPatient { Cpr = "1203851236", GivenName = "Mette", FamilyName = "Kristensen", BirthDate = new DateOnly(1985, 3, 12) };
        var document = new CareDocument
        {
            Id = Guid.Parse("3f0c7a52-8d0e-4b8e-9a51-6a8f1c2d4e01"), Kind = DocumentKind.DischargeAgreement, Status = DocumentStatus.Sent,
            Revision = 1, Version = version, Patient = patient, AuthoringWard = ward, ReceivingMunicipality = municipality,
            LegalBasis = DocumentLegalBasis.Section13aStk1, ConsentGivenBy = "Borgeren selv", ConsentDate = new DateOnly(2026, 3, 2),
            ConsentScope = "Kommunen og egen læge", OutpatientUnit = "Ambulatorium Aalborg Øst", FirstAppointmentOn = new DateOnly(2026, 3, 10),
            Housing = "Egen lejlighed i Aalborg Øst", WarningSigns = "Søvnløshed og isolation", CrisisActions = "Ringer til kontaktpersonen",
            CrisisContacts = "Akutmodtagelsen, døgnåben", NonAttendance = "Ambulatoriet ringer samme dag", DrawnUpOn = new DateOnly(2026, 3, 2),
            DischargeOn = new DateOnly(2026, 3, 5), NetworkMeetingRequested = true,
            UpdatedAt = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc),
            Participants = [new DocumentParticipant { Role = ParticipantRole.Caseworker, Name = "Line Munk", Organization = "Aalborg Kommune" }],
            Actions = [new AgreedAction { What = "Bostøtte to gange om ugen", ResponsibleOrganization = "Aalborg Kommune", DueOn = new DateOnly(2026, 3, 9), OwnerSector = Sector.Municipality }],
        };
        return new CareCommunicationMessage(document, ward, municipality,
            new ExchangeEndpoint { BaseUrl = "https://vans-gateway.example/medcom/fhir", Format = ExchangeFormat.CareCommunication, Ean = "5790001234567" },
            "https://casehub.dk/fhir/exchange");
    }

    private static Bundle OverTheWire(Bundle bundle) => Samples.Parse<Bundle>(Samples.Serialization.Serialize(bundle));

    [Fact]
    public void The_message_is_a_MedCom_CareCommunication_with_the_document_as_Danish_text()
    {
        var bundle = OverTheWire(CareCommunicationMapper.ToFhir(Message()));

        Assert.Equal(Bundle.BundleType.Message, bundle.Type);
        var header = Assert.IsType<MessageHeader>(bundle.Entry[0].Resource);
        var eventCoding = Assert.IsType<Coding>(header.Event);
        Assert.Equal(("http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes", "care-communication-message"), (eventCoding.System, eventCoding.Code));
        Assert.Equal("https://casehub.dk/fhir/exchange", header.Source.Endpoint);
        Assert.Equal("primary", ((Coding)header.Destination.Single().Extension.Single().Value).Code);

        Resource Resolve(ResourceReference reference) => bundle.Entry.Single(e => e.FullUrl == reference.Reference).Resource;
        var communication = Assert.IsType<Communication>(Resolve(header.Focus.Single()));
        Assert.Equal(EventStatus.Completed, communication.Status);
        var category = communication.Category.Single().Coding.Single();
        Assert.Equal(("http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes", "psychiatry-social-disability"), (category.System, category.Code));
        Assert.Equal("Udskrivningsaftale, version 1 (Sendt)", communication.Topic.Text);

        var patient = Assert.IsType<Hl7.Fhir.Model.Patient>(Resolve(communication.Subject));
        Assert.Equal(("urn:oid:1.2.208.176.1.2", "1203851236"), (patient.Identifier.Single().System, patient.Identifier.Single().Value));
        var receiver = Assert.IsType<Hl7.Fhir.Model.Organization>(Resolve(header.Destination.Single().Receiver));
        Assert.Equal(["http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes|0851", "urn:oid:1.3.88|5790001234567"], receiver.Identifier.Select(i => $"{i.System}|{i.Value}"));
        var sender = Assert.IsType<Hl7.Fhir.Model.Organization>(Resolve(header.Sender));
        Assert.Equal("urn:oid:1.2.208.176.1.1|6121000016002", $"{sender.Identifier.Single().System}|{sender.Identifier.Single().Value}");
        var provenance = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Provenance>());
        Assert.Equal(bundle.Entry[0].FullUrl, provenance.Target.Single().Reference);
        Assert.Equal(header.Sender.Reference, provenance.Agent.Single().Who.Reference);

        // A message text first (MedCom requires one), then the attachment: the whole document, in Danish.
        Assert.IsType<FhirString>(communication.Payload[0].Content);
        var attachment = Assert.IsType<Attachment>(communication.Payload[1].Content);
        Assert.Equal("text/plain; charset=utf-8", attachment.ContentType);
        var text = Encoding.UTF8.GetString(attachment.Data);
        Assert.StartsWith("Udskrivningsaftale efter psykiatriloven\n", text, StringComparison.Ordinal);
        Assert.Contains("Borger: Mette Kristensen, CPR-nummer 120385-1236", text, StringComparison.Ordinal);
        Assert.Contains("Retsgrundlag: §13a stk. 1", text, StringComparison.Ordinal);
        Assert.Contains("Udskrivningsdato (planlagt): 05-03-2026", text, StringComparison.Ordinal);
        Assert.Contains("Tidlige tegn på tilbagefald: Søvnløshed og isolation", text, StringComparison.Ordinal);
        Assert.Contains("Netværksmøde ønsket: Ja", text, StringComparison.Ordinal);
        Assert.Contains("- Sagsbehandler, kommune: Line Munk, Aalborg Kommune", text, StringComparison.Ordinal);
        Assert.Contains("- Bostøtte to gange om ugen (ansvarlig: Aalborg Kommune; frist: 09-03-2026; status: Planlagt; kommunen)", text, StringComparison.Ordinal);
        Assert.Contains("Bostøtte: (ikke udfyldt)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_version_gives_the_same_message_and_another_version_or_receiver_a_new_one()
    {
        var serialize = (CareCommunicationMessage m) => Samples.Serialization.Serialize(CareCommunicationMapper.ToFhir(m));
        Assert.Equal(serialize(Message()), serialize(Message()));

        var first = CareCommunicationMapper.ToFhir(Message());
        var ids = first.Entry.Select(e => e.Resource.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(first.Entry, e => Assert.Equal($"urn:uuid:{e.Resource.Id}", e.FullUrl));
        Assert.All(ids.Append(first.Id), id => Assert.Equal('8', Guid.Parse(id).ToString("D")[14]));

        var nextVersion = CareCommunicationMapper.ToFhir(Message(version: 5));
        var otherReceiver = CareCommunicationMapper.ToFhir(Message(receiverCode: ReferenceData.Codes.Hjoerring));
        Assert.NotEqual(first.Id, nextVersion.Id);
        Assert.NotEqual(first.Entry[0].Resource.Id, nextVersion.Entry[0].Resource.Id);
        Assert.NotEqual(first.Entry[0].Resource.Id, otherReceiver.Entry[0].Resource.Id);
    }

    [Fact]
    public void The_example_in_fhir_profiles_is_what_the_mapper_emits()
    {
        // CI checks fhir-profiles/examples against the official R4 JSON schema, so the example must be the real shape.
        var example = Samples.Example<Bundle>(ExampleFile);
        Assert.Equal(Samples.Serialization.Serialize(CareCommunicationMapper.ToFhir(Message())), Samples.Serialization.Serialize(example));
    }
}
