using CaseHub.Core.Audit;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Audit;

/// <summary>An audit entry as a base FHIR R4 AuditEvent (read-only; for administrators answering citizens' requests).</summary>
public static class AuditEventMapper
{
    private const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";

    public static AuditEvent ToFhir(AuditEntry entry)
    {
        var resource = new AuditEvent
        {
            Id = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Type = new Coding(AuditEventType, "rest", "RESTful Operation"),
            Subtype = [new Coding(CaseHubUrls.Base + "/CodeSystem/audit-action", entry.Action)],
            Action = entry.Action switch
            {
                "create" => AuditEvent.AuditEventAction.C,
                "update" => AuditEvent.AuditEventAction.U,
                _ => AuditEvent.AuditEventAction.R,
            },
            RecordedElement = new Instant(new DateTimeOffset(entry.At, TimeSpan.Zero)),
            Outcome = entry.Outcome == AuditOutcome.Allowed ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N4,
            OutcomeDesc = entry.Rule,
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Who = new ResourceReference(entry.UserId is { } user ? $"Practitioner/{user}" : null, entry.UserDisplayName)
                    {
                        Identifier = new Identifier(CaseHubUrls.StaffUserSystem, entry.Username),
                    },
                    Requestor = true,
                    Role = entry.Roles is { Length: > 0 } roles
                        ? roles.Split(',').Select(r => new CodeableConcept(CaseHubUrls.StaffRoleSystem, r)).ToList()
                        : [],
                    Network = entry.IpAddress is { } ip ? new AuditEvent.NetworkComponent { Address = ip, Type = AuditEvent.AuditEventAgentNetworkType.N2 } : null,
                },
            ],
            Source = new AuditEvent.SourceComponent { Observer = new ResourceReference(null, "CaseHub") },
        };
        if (entry.OrganizationId is { } org)
        {
            resource.Agent[0].Location = null;
            resource.Source.Observer = new ResourceReference($"Organization/{org}", entry.OrganizationName);
        }

        if (entry.PatientId is { } patient)
        {
            resource.Entity.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference($"Patient/{patient}"),
                Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                Description = $"{entry.DataKind}{(entry.DataId is { } id ? $" {id}" : string.Empty)}",
            });
        }

        return resource;
    }
}
