using System.Security.Cryptography;
using System.Text;
using CaseHub.Core.Agreements;
using CaseHub.Core.Exchange;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Organizations;
using CaseHub.Fhir.Serialization;
using Hl7.Fhir.Model;
using DomainOrganization = CaseHub.Core.Organizations.Organization;

namespace CaseHub.Fhir.Exchange;

/// <summary>
/// A document version as a MedCom CareCommunication message for a receiver without CaseHub: a Bundle of type
/// message with, in MedCom's order, the MessageHeader (event care-communication-message, sender and primary
/// receiver), the Communication (category psychiatry-social-disability, a message text and the whole document as a
/// Danish text attachment), the Patient (CPR), the two Organizations (SOR, municipality or region code, EAN when
/// configured) and the Provenance of the message. Every id derives from document id, version and receiver, and the
/// timestamps from the version's last change, so sending the same version again is byte-for-byte the same message
/// (the receiver recognises it by its MessageHeader id).
/// The structure follows the MedCom CareCommunication IG as far as base R4 goes; the MedCom profiles are not claimed
/// in meta.profile, because their signature extensions (payload author and date, a Practitioner) are not filled.
/// </summary>
public sealed class CareCommunicationMapper(FhirSerialization serialization) : ICareCommunicationPayload
{
    public const string EventCodeSystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes";
    public const string EventCode = "care-communication-message";
    public const string CategorySystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes";
    public const string Category = "psychiatry-social-disability";
    public const string ActivitySystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes";
    public const string DestinationUseExtension = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension";
    public const string DestinationUseSystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse";
    public const string MessageDefinition = "http://medcomfhir.dk/ig/carecommunication/medcom-careCommunication-message-definition";
    public const string EanSystem = "urn:oid:1.3.88";
    public const string AttachmentContentType = "text/plain; charset=utf-8";

    public string Serialize(CareCommunicationMessage message) => serialization.Serialize(ToFhir(message));

    public static Bundle ToFhir(CareCommunicationMessage message)
    {
        var (document, sender, receiver, endpoint, source) = message;
        var seed = $"{document.Id:D}:{document.Version}:{receiver.Code}";
        Guid Id(string part) => DeterministicId(seed + ":" + part);
        var ids = new
        {
            Bundle = Id("bundle"), Header = Id("messageheader"), Communication = Id("communication"), Patient = Id("patient"),
            Sender = Id("sender"), Receiver = Id("receiver"), Provenance = Id("provenance"),
        };
        static string Urn(Guid id) => $"urn:uuid:{id:D}";
        var at = FhirInstant.Of(DateTime.SpecifyKind(document.UpdatedAt, DateTimeKind.Utc));
        var title = DocumentPlainText.Title(document);
        var patient = document.Patient!;

        var header = new MessageHeader
        {
            Id = ids.Header.ToString("D"),
            Event = new Coding(EventCodeSystem, EventCode),
            Destination =
            [
                new MessageHeader.MessageDestinationComponent
                {
                    Extension = [new Extension(DestinationUseExtension, new Coding(DestinationUseSystem, "primary"))],
                    Endpoint = endpoint.BaseUrl,
                    Receiver = new ResourceReference(Urn(ids.Receiver), receiver.Name),
                },
            ],
            Sender = new ResourceReference(Urn(ids.Sender), sender.Name),
            Source = new MessageHeader.MessageSourceComponent { Name = "CaseHub", Software = "CaseHub", Endpoint = source },
            Focus = [new ResourceReference(Urn(ids.Communication))],
            Definition = MessageDefinition,
        };

        var text = DocumentPlainText.Render(document);
        var communication = new Communication
        {
            Id = ids.Communication.ToString("D"),
            Status = EventStatus.Completed,
            Category = [new CodeableConcept(CategorySystem, Category)],
            Subject = new ResourceReference(Urn(ids.Patient)),
            Topic = new CodeableConcept { Text = title },
            SentElement = new FhirDateTime(at),
            Payload =
            [
                new Communication.PayloadComponent
                {
                    Content = new FhirString(
                        $"{title} fra {sender.Name} til {receiver.Name}. " +
                        "Hele dokumentet er vedhæftet som tekst. Oplysningerne deles efter psykiatrilovens §13c."),
                },
                new Communication.PayloadComponent
                {
                    Content = new Attachment
                    {
                        ContentType = AttachmentContentType,
                        Language = "da",
                        Data = Encoding.UTF8.GetBytes(text),
                        Title = title,
                        CreationElement = new FhirDateTime(at),
                    },
                },
            ],
        };

        var patientResource = new Patient
        {
            Id = ids.Patient.ToString("D"),
            Identifier = [new Identifier(ExchangeCarePlan.CprSystem, patient.Cpr)],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = patient.FamilyName, Given = [patient.GivenName] }],
        };

        var provenance = new Provenance
        {
            Id = ids.Provenance.ToString("D"),
            Target = [new ResourceReference(Urn(ids.Header))],
            Occurred = new FhirDateTime(at),
            Recorded = at,
            Activity = new CodeableConcept(ActivitySystem, "new-message"),
            Agent = [new Provenance.AgentComponent { Who = new ResourceReference(Urn(ids.Sender), sender.Name) }],
        };

        return new Bundle
        {
            Id = ids.Bundle.ToString("D"),
            Type = Bundle.BundleType.Message,
            Timestamp = at,
            Entry =
            [
                Entry(header), Entry(communication), Entry(patientResource),
                Entry(Organization(ids.Sender, sender, null)), Entry(Organization(ids.Receiver, receiver, endpoint.Ean)),
                Entry(provenance),
            ],
        };
    }

    private static Bundle.EntryComponent Entry(Resource resource) => new() { FullUrl = $"urn:uuid:{resource.Id}", Resource = resource };

    private static Organization Organization(Guid id, DomainOrganization organization, string? ean)
    {
        var resource = new Organization { Id = id.ToString("D"), Name = organization.Name, Identifier = [OrganizationMapper.Identifier(organization)] };
        if (!string.IsNullOrWhiteSpace(ean))
        {
            resource.Identifier.Add(new Identifier(EanSystem, ean));
        }

        return resource;
    }

    /// <summary>A UUID (RFC 9562 version 8, name-based) that is the same every time for the same name.</summary>
    public static Guid DeterministicId(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
