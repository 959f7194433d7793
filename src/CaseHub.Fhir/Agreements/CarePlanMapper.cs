using System.Globalization;
using CaseHub.Core.Agreements;
using CaseHub.Fhir.Admissions;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Fhir.Agreements;

/// <summary>
/// An udskrivningsaftale or koordinationsplan (one version) &lt;-&gt; casehub-udskrivningsaftale / casehub-koordinationsplan
/// (CarePlan). Content fields travel as notes, one per field, coded from document-section; the legal-basis field as
/// its own extension.
/// </summary>
public static class CarePlanMapper
{
    /// <summary>
    /// The domain data a CarePlan carries back: the content fields by property name, the actions, the references
    /// (admission and receiving municipality only when the resource names them), the workflow status, the series
    /// identifier, the end date and the participants.
    /// </summary>
    public sealed record DocumentData(
        DocumentKind? Kind, Guid? PatientId, Guid? WardId, IReadOnlyDictionary<string, object?> Fields, IReadOnlyList<AgreedAction> Actions,
        Guid? AdmissionId = null, Guid? MunicipalityId = null, DocumentStatus? Status = null, Guid? SeriesId = null, DateOnly? EndedOn = null,
        IReadOnlyList<(int Index, DocumentParticipant Participant)>? Participants = null);

    private static readonly (DocumentKind Value, string Code)[] Kinds =
    [
        (DocumentKind.DischargeAgreement, "discharge-agreement"),
        (DocumentKind.CoordinationPlan, "coordination-plan"),
    ];

    private static readonly (DocumentStatus Value, string Code, RequestStatus Fhir)[] Statuses =
    [
        (DocumentStatus.Draft, "draft", RequestStatus.Draft),
        (DocumentStatus.Sent, "sent", RequestStatus.Active),
        (DocumentStatus.Accepted, "accepted", RequestStatus.Active),
        (DocumentStatus.Active, "active", RequestStatus.Active),
        (DocumentStatus.Ended, "ended", RequestStatus.Completed),
        (DocumentStatus.Superseded, "superseded", RequestStatus.Revoked),
        (DocumentStatus.EnteredInError, "entered-in-error", RequestStatus.EnteredInError),
    ];

    private static readonly (DocumentLegalBasis Value, string Code)[] Bases =
    [
        (DocumentLegalBasis.Section13aStk1, "13a-stk1"),
        (DocumentLegalBasis.Section13aStk2, "13a-stk2"),
        (DocumentLegalBasis.Section13b, "13b"),
    ];

    private static readonly (ActionStatus Value, CarePlan.CarePlanActivityStatus Fhir)[] ActionStatuses =
    [
        (ActionStatus.Planned, CarePlan.CarePlanActivityStatus.NotStarted),
        (ActionStatus.InProgress, CarePlan.CarePlanActivityStatus.InProgress),
        (ActionStatus.Done, CarePlan.CarePlanActivityStatus.Completed),
    ];

    public static string Profile(DocumentKind kind) =>
        kind == DocumentKind.DischargeAgreement ? CaseHubUrls.UdskrivningsaftaleProfile : CaseHubUrls.KoordinationsplanProfile;

    public static string Code(DocumentKind kind) => Kinds.First(k => k.Value == kind).Code;

    public static string Code(DocumentStatus status) => Statuses.First(s => s.Value == status).Code;

    public static RequestStatus FhirStatus(DocumentStatus status) => Statuses.First(s => s.Value == status).Fhir;

    /// <summary>The workflow statuses a FHIR CarePlan.status stands for (several map to active).</summary>
    public static IReadOnlyList<DocumentStatus> StatusesFor(string fhirCode) =>
        Statuses.Where(s => s.Fhir.GetLiteral() == fhirCode).Select(s => s.Value).ToList();

    /// <summary>The workflow status of a document-status code; null when unknown.</summary>
    public static DocumentStatus? StatusOf(string? code) => Statuses.Where(s => s.Code == code).Select(s => (DocumentStatus?)s.Value).FirstOrDefault();

    public static DocumentKind? KindOf(string code) => Kinds.Where(k => k.Code == code).Select(k => (DocumentKind?)k.Value).FirstOrDefault();

    /// <summary>The document-section code of a field: its property name in camelCase.</summary>
    public static string SectionCode(string fieldName) => char.ToLowerInvariant(fieldName[0]) + fieldName[1..];

    /// <summary>Maps one version; Patient, AuthoringWard and ReceivingMunicipality give displays when loaded.</summary>
    /// <param name="document">The version.</param>
    /// <param name="hasCareTeam">Whether the patient has a Patientens Team (CareTeam/{patient id}), which careTeam then names.</param>
    public static CarePlan ToFhir(CareDocument document, bool hasCareTeam = false)
    {
        var resource = new CarePlan
        {
            Id = document.Id.ToString(),
            Meta = new Meta { Profile = [Profile(document.Kind)] },
            Identifier = [new Identifier(CaseHubUrls.CareDocumentSystem, SeriesValue(document.SeriesId))],
            Extension =
            [
                new Extension(CaseHubUrls.DocumentStatusExtension, new Coding(CaseHubUrls.DocumentStatusSystem, Code(document.Status), document.Status.Danish())),
            ],
            Status = FhirStatus(document.Status),
            Intent = CarePlan.CarePlanIntent.Plan,
            Category = [new CodeableConcept(CaseHubUrls.DocumentKindSystem, Code(document.Kind), document.Kind.Danish())],
            Subject = new ResourceReference($"Patient/{document.PatientId}", document.Patient?.FullName),
            Encounter = new ResourceReference($"Encounter/{document.AdmissionId}"),
            CreatedElement = FhirTime.DateTime(document.CreatedAt),
            Author = new ResourceReference($"Organization/{document.AuthoringWardId}", document.AuthoringWard?.Name),
            Contributor = [new ResourceReference($"Organization/{document.ReceivingMunicipalityId}", document.ReceivingMunicipality?.Name)],
        };
        if (Bases.FirstOrDefault(b => b.Value == document.LegalBasis).Code is { } basis)
        {
            resource.Extension.Add(new Extension(CaseHubUrls.DocumentLegalBasisExtension, new Coding(CaseHubUrls.DocumentLegalBasisSystem, basis, document.LegalBasis.Danish())));
        }

        // Sorted, so the same document always maps to the same resource (and a new version only when it changed).
        foreach (var participant in document.Participants.OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id))
        {
            var parts = new Extension { Url = CaseHubUrls.DocumentParticipantExtension };
            parts.Extension.Add(new Extension("role", new Coding(CaseHubUrls.ParticipantRoleSystem, participant.Role.ToString(), participant.Role.Danish())));
            parts.Extension.Add(new Extension("name", new FhirString(participant.Name)));
            if (participant.Organization is { } organization)
            {
                parts.Extension.Add(new Extension("organization", new FhirString(organization)));
            }

            if (participant.Contact is { } contact)
            {
                parts.Extension.Add(new Extension("contact", new FhirString(contact)));
            }

            resource.Extension.Add(parts);
        }

        if (hasCareTeam)
        {
            resource.CareTeam.Add(new ResourceReference($"CareTeam/{document.PatientId}", "Patientens Team"));
        }

        if (document.PreviousVersionId is { } previous)
        {
            resource.Replaces.Add(new ResourceReference($"CarePlan/{previous}"));
        }

        if (document.DrawnUpOn is not null || document.EndedOn is not null)
        {
            resource.Period = new Period
            {
                Start = document.DrawnUpOn is { } start ? FhirTime.Date(start) : null,
                End = document.EndedOn is { } end ? FhirTime.Date(end) : null,
            };
        }

        foreach (var field in DocumentSections.For(document.Kind).SelectMany(s => s.FieldsFor(document.Kind)))
        {
            if (field.Type == FieldType.LegalBasis || Text(field.Get(document)) is not { } text)
            {
                continue;
            }

            resource.Note.Add(new Annotation
            {
                Extension = [new Extension(CaseHubUrls.DocumentSectionExtension, new Coding(CaseHubUrls.DocumentSectionSystem, SectionCode(field.Name), field.Label))],
                Text = text,
            });
        }

        foreach (var action in InOrder(document.Actions))
        {
            var detail = new CarePlan.DetailComponent
            {
                Status = ActionStatuses.First(s => s.Value == action.Status).Fhir,
                Description = action.What,
            };
            if (action.ResponsibleOrganization is { } organization)
            {
                detail.Performer.Add(new ResourceReference { Type = "Organization", Display = organization });
            }

            if (action.ResponsiblePerson is { } person)
            {
                detail.Performer.Add(new ResourceReference { Type = "Practitioner", Display = person });
            }

            if (action.DueOn is { } due)
            {
                detail.Scheduled = new Period { End = FhirTime.Date(due) };
            }

            resource.Activity.Add(new CarePlan.ActivityComponent { Detail = detail });
        }

        return resource;
    }

    /// <summary>The order in which actions become CarePlan.activity (by due date, text, id), so the same document maps the same way.</summary>
    public static IEnumerable<AgreedAction> InOrder(IEnumerable<AgreedAction> actions) =>
        actions.OrderBy(a => a.DueOn ?? DateOnly.MaxValue).ThenBy(a => a.What, StringComparer.Ordinal).ThenBy(a => a.Id);

    /// <summary>The business identifier's value: the document's series (the same for every version), as a GUID.</summary>
    public static string SeriesValue(Guid seriesId) => seriesId.ToString("D");

    /// <summary>A field value as note text: ISO dates, true/false, the text as written; null when nothing is filled.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s when string.IsNullOrWhiteSpace(s) => null,
        DateOnly d => FhirTime.Date(d),
        bool b => b ? "true" : null,
        object o => Convert.ToString(o, CultureInfo.InvariantCulture),
    };

    /// <summary>What the resource says: kind, references, content fields (parsed with the catalogue's rules) and actions.</summary>
    public static (DocumentData Data, IReadOnlyList<FhirIssue> Issues) FromFhir(CarePlan resource)
    {
        var issues = new List<FhirIssue>();
        var patientId = EncounterMapper.IdOf(resource.Subject?.Reference, "Patient", "CarePlan.subject.reference", issues);
        var wardId = EncounterMapper.IdOf(resource.Author?.Reference, "Organization", "CarePlan.author.reference", issues);
        var kindCode = resource.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == CaseHubUrls.DocumentKindSystem)?.Code;
        var kind = kindCode is null ? null : KindOf(kindCode);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);

        var basisCode = (resource.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.DocumentLegalBasisExtension)?.Value as Coding)?.Code;
        fields[nameof(CareDocument.LegalBasis)] = Bases.FirstOrDefault(b => b.Code == basisCode).Value;

        for (var i = 0; i < resource.Note.Count; i++)
        {
            var note = resource.Note[i];
            var code = (note.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.DocumentSectionExtension)?.Value as Coding)?.Code;
            var (section, field) = DocumentSections.All.SelectMany(s => s.Fields.Select(f => (s, f)))
                .FirstOrDefault(p => SectionCode(p.f.Name) == code && p.f.Type != FieldType.LegalBasis);
            var path = $"CarePlan.note[{i}]";
            if (field is null || (kind is { } k && !(section.AppliesTo(k) && field.AppliesTo(k))))
            {
                issues.Add(new FhirIssue(IssueType.CodeInvalid, path, $"Feltet '{code}' findes ikke i denne type dokument."));
                continue;
            }

            if (field.TryParse(note.Text, out var value, out var error))
            {
                fields[field.Name] = value;
            }
            else
            {
                issues.Add(new FhirIssue(IssueType.Value, $"{path}.text", error!));
            }
        }

        var actions = resource.Activity.Select(a => a.Detail).Where(d => d is not null).Select(d => new AgreedAction
        {
            What = d!.Description ?? string.Empty,
            ResponsibleOrganization = d.Performer.FirstOrDefault(p => p.Type == "Organization")?.Display,
            ResponsiblePerson = d.Performer.FirstOrDefault(p => p.Type == "Practitioner")?.Display,
            DueOn = FhirTime.ParseDate((d.Scheduled as Period)?.End),
            Status = ActionStatuses.FirstOrDefault(s => s.Fhir == d.Status).Value,
        }).ToList();

        var admissionId = resource.Encounter is null ? null : EncounterMapper.IdOf(resource.Encounter.Reference, "Encounter", "CarePlan.encounter.reference", issues);
        var municipalityId = resource.Contributor.Count == 0 ? null : EncounterMapper.IdOf(resource.Contributor[0].Reference, "Organization", "CarePlan.contributor[0].reference", issues);
        var statusCode = (resource.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.DocumentStatusExtension)?.Value as Coding)?.Code;
        Guid? seriesId = null;
        for (var i = 0; i < resource.Identifier.Count; i++)
        {
            if (resource.Identifier[i].System != CaseHubUrls.CareDocumentSystem)
            {
                continue;
            }

            if (Guid.TryParse(resource.Identifier[i].Value, out var series))
            {
                seriesId = series;
            }
            else
            {
                issues.Add(new FhirIssue(IssueType.Value, $"CarePlan.identifier[{i}].value", "Dokumentets identifikator skal være et UUID, fx 6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e."));
            }
        }

        var participants = new List<(int, DocumentParticipant)>();
        for (var i = 0; i < resource.Extension.Count; i++)
        {
            if (resource.Extension[i].Url != CaseHubUrls.DocumentParticipantExtension)
            {
                continue;
            }

            string? Part(string url) => resource.Extension[i].Extension.FirstOrDefault(e => e.Url == url)?.Value switch
            {
                FhirString text => text.Value,
                Coding coding => coding.Code,
                _ => null,
            };
            if (Enum.TryParse<ParticipantRole>(Part("role"), out var role) && Enum.IsDefined(role) && Part("role") == role.ToString() && Part("name") is { } name)
            {
                participants.Add((i, new DocumentParticipant { Role = role, Name = name, Organization = Part("organization"), Contact = Part("contact") }));
            }
            else
            {
                issues.Add(new FhirIssue(IssueType.Value, $"CarePlan.extension[{i}]", "En deltager skal have en rolle fra participant-role og et navn."));
            }
        }

        var data = new DocumentData(kind, patientId, wardId, fields, actions, admissionId, municipalityId, StatusOf(statusCode), seriesId,
            FhirTime.ParseDate(resource.Period?.End), participants);
        return (data, issues);
    }
}
