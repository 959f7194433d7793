using CaseHub.Core.Exchange;
using CaseHub.Core.Flags;
using Hangfire;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Exchange;
using CaseHub.Fhir.Serialization;
using CaseHub.Web.Fhir;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Exchange;

/// <summary>
/// <c>POST /fhir/$exchange</c>: where counterparts deliver documents. The caller is a system, not a person
/// (<see cref="ExchangePartnerAuthentication"/>), and what it may change follows from being the document's authoring
/// side or its receiving municipality.
/// </summary>
public static class ExchangeInbound
{
    public const string Path = "/fhir/" + ExchangeClient.Operation;

    public static IEndpointRouteBuilder MapExchangeInbound(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).RequireAuthorization(ExchangePartnerAuthentication.Policy).WithTags("Exchange");
        return app;
    }

    private static async Task ReceiveAsync(
        HttpContext context, FhirSerialization serialization, InboundDocuments inbound,
        HospitalNotifications notifications, IBackgroundJobClient jobs, TimeProvider clock, CancellationToken ct)
    {
        var sender = context.User.FindFirst(ExchangePartnerAuthentication.PartnerClaim)!.Value;
        var (text, format, error) = await FhirHttp.ReadBodyAsync(context.Request, ct);
        if (error is not null)
        {
            await FhirHttp.WriteAsync(context, error, serialization);
            return;
        }

        var (resource, parseIssues) = serialization.Parse(text!, format);
        if (resource is null)
        {
            await FhirHttp.WriteAsync(context, FhirResponse.Errors(StatusCodes.Status400BadRequest, parseIssues), serialization);
            return;
        }

        InboundResult result;
        switch (resource)
        {
            case CarePlan carePlan:
                var (document, issues) = ExchangeCarePlan.Read(carePlan, clock.GetUtcNow().UtcDateTime);
                if (document is null)
                {
                    await inbound.RejectAsync(sender, "CarePlan", carePlan.Id, StatusCodes.Status422UnprocessableEntity,
                        string.Join(" ", issues.Select(i => i.Message)), ct);
                    await FhirHttp.WriteAsync(context, FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues), serialization);
                    return;
                }

                result = await inbound.ApplyAsync(sender, document, ct);
                break;
            case Encounter encounter:
                var (notification, encounterIssues) = HospitalNotificationReader.Read(encounter);
                if (notification is null)
                {
                    await RefuseAsync(context, serialization, inbound, sender, "Encounter", encounter.Id, encounterIssues, ct);
                    return;
                }

                result = await ApplyNotificationAsync(notifications, jobs, sender, notification, ct);
                break;
            case Bundle bundle:
                // A MedCom HospitalNotification message: unpacked, then applied exactly like the bare Encounter.
                var (message, messageIssues) = HospitalNotificationMessage.Read(bundle);
                if (message is null)
                {
                    await RefuseAsync(context, serialization, inbound, sender, "Bundle", bundle.Id, messageIssues, ct);
                    return;
                }

                result = await ApplyNotificationAsync(notifications, jobs, sender, message, ct);
                break;
            default:
                result = await inbound.RejectAsync(sender, resource.TypeName, resource.Id, StatusCodes.Status400BadRequest,
                    $"{resource.TypeName} kan ikke modtages her; send en CarePlan, en Encounter eller en MedCom-hospitalsnotifikation (Bundle af typen message).", ct);
                break;
        }

        await WriteAsync(context, result, serialization);
    }

    private static async Task RefuseAsync(
        HttpContext context, FhirSerialization serialization, InboundDocuments inbound, string sender, string resourceType, string? id,
        IReadOnlyList<FhirIssue> issues, CancellationToken ct)
    {
        await inbound.RejectAsync(sender, resourceType, id, StatusCodes.Status422UnprocessableEntity, string.Join(" ", issues.Select(i => i.Message)), ct);
        await FhirHttp.WriteAsync(context, FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, issues), serialization);
    }

    private static async Task<InboundResult> ApplyNotificationAsync(
        HospitalNotifications notifications, IBackgroundJobClient jobs, string sender, IncomingEncounter notification, CancellationToken ct)
    {
        var applied = await notifications.ApplyAsync(sender, notification, ct);
        if (applied.DischargedPatientId is { } patientId)
        {
            // As after a discharge in the UI: the missing-plan rules look at this patient at once.
            jobs.Enqueue<EvaluateFlagsJob>(job => job.RunForPatientAsync(patientId));
        }

        return applied.Outcome;
    }

    internal static Task WriteAsync(HttpContext context, InboundResult result, FhirSerialization serialization)
    {
        var outcome = FhirIssue.ToOutcome([new FhirIssue(
            result.Rejected ? (result.Status == StatusCodes.Status401Unauthorized ? IssueType.Security : IssueType.Processing) : IssueType.Informational,
            "Resource",
            result.Message,
            result.Rejected ? OperationOutcome.IssueSeverity.Error : OperationOutcome.IssueSeverity.Information)]);
        return FhirHttp.WriteAsync(context, new FhirResponse(result.Status, outcome), serialization);
    }
}
