using CaseHub.Core.Agreements;
using CaseHub.Core.Organizations;

namespace CaseHub.Core.Exchange;

/// <summary>
/// One document version addressed to a receiver without CaseHub: the document (Patient, AuthoringWard,
/// ReceivingMunicipality, Admission, Participants and Actions loaded), the party sending it, the party receiving it,
/// and where the message goes.
/// </summary>
public sealed record CareCommunicationMessage(
    CareDocument Document, Organization Sender, Organization Receiver, ExchangeEndpoint Endpoint, string SourceEndpoint);

/// <summary>Turns a document version into a MedCom CareCommunication message Bundle (JSON).</summary>
public interface ICareCommunicationPayload
{
    string Serialize(CareCommunicationMessage message);
}
