using System.Globalization;
using System.Reflection;

namespace CaseHub.Core.Agreements;

/// <summary>How a field is edited, parsed and shown.</summary>
public enum FieldType
{
    Text,
    LongText,
    Date,
    YesNo,
    LegalBasis,
}

/// <summary>Which side writes a section: the ward while drafting, the municipality while the document is sent.</summary>
public enum SectionOwner
{
    Region,
    Municipality,
    Both,
}

/// <summary>One field of a document section, bound by name to a <see cref="CareDocument"/> property.</summary>
/// <param name="Name">The property name; also the form field name and the error key.</param>
/// <param name="Label">The Danish label.</param>
/// <param name="Type">How it is edited and parsed.</param>
/// <param name="RequiredToSend">Must be filled before the document can be sent.</param>
/// <param name="OnlyFor">The one kind of document the field belongs to, or null for both.</param>
/// <param name="Editable">False for fields the system sets (who recorded consent).</param>
public sealed record DocumentField(
    string Name, string Label, FieldType Type, bool RequiredToSend = false, DocumentKind? OnlyFor = null, bool Editable = true)
{
    public const int LongTextMax = 4000;
    public const int TextMax = 400;

    private PropertyInfo Property => typeof(CareDocument).GetProperty(Name)
        ?? throw new InvalidOperationException($"CareDocument has no property {Name}.");

    public bool AppliesTo(DocumentKind kind) => OnlyFor is null || OnlyFor == kind;

    public object? Get(CareDocument document) => Property.GetValue(document);

    /// <summary>The value as a form field holds it (ISO dates, true/false, enum names).</summary>
    public string? FormValue(CareDocument document) => Get(document) switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        object o => o.ToString(),
    };

    /// <summary>The value as people read it, in Danish; null when nothing is filled.</summary>
    public string? Display(CareDocument document) => Get(document) switch
    {
        null => null,
        string s when string.IsNullOrWhiteSpace(s) => null,
        DateOnly d => d.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
        bool b => b ? "Ja" : "Nej",
        DocumentLegalBasis.None => null,
        DocumentLegalBasis basis => basis.Danish(),
        object o => o.ToString(),
    };

    public bool IsFilled(CareDocument document) => Display(document) is not null;

    /// <summary>Parses what the user typed; a Danish message when it cannot be understood.</summary>
    public bool TryParse(string? text, out object? value, out string? error)
    {
        error = null;
        value = null;
        text = text?.Trim();
        switch (Type)
        {
            case FieldType.Text or FieldType.LongText:
                var max = Type == FieldType.Text ? TextMax : LongTextMax;
                if (text is { Length: > 0 } && text.Length > max)
                {
                    error = $"Teksten er for lang (højst {max} tegn).";
                    return false;
                }

                value = string.IsNullOrEmpty(text) ? null : text;
                return true;
            case FieldType.Date:
                if (string.IsNullOrEmpty(text))
                {
                    return true;
                }

                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
                    || DateOnly.TryParseExact(text, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out iso))
                {
                    value = iso;
                    return true;
                }

                error = "Datoen er ikke gyldig (brug dd-mm-åååå).";
                return false;
            case FieldType.YesNo:
                value = text is "true" or "on" or "Ja";
                return true;
            case FieldType.LegalBasis:
                if (Enum.TryParse<DocumentLegalBasis>(text, out var basis) && Enum.IsDefined(basis))
                {
                    value = basis;
                    return true;
                }

                error = "Vælg et retsgrundlag.";
                return false;
            default:
                throw new InvalidOperationException($"Unknown field type {Type}.");
        }
    }

    public void Set(CareDocument document, object? value) => Property.SetValue(document, value);
}

/// <summary>A content section of the document (DOMAIN.md section 2), edited and saved on its own.</summary>
public sealed record DocumentSection(string Key, string Title, SectionOwner Owner, IReadOnlyList<DocumentField> Fields, DocumentKind? OnlyFor = null)
{
    public bool AppliesTo(DocumentKind kind) => OnlyFor is null || OnlyFor == kind;

    public IEnumerable<DocumentField> FieldsFor(DocumentKind kind) => Fields.Where(f => f.AppliesTo(kind));
}

/// <summary>
/// The catalogue of sections and fields: the one description the editor, the send check, the version comparison,
/// the copy to a new version and the print view all read, so a new field is added in one place.
/// </summary>
public static class DocumentSections
{
    public const string Participants = "participants";
    public const string Actions = "actions";

    public static readonly IReadOnlyList<DocumentSection> All =
    [
        new("legal", "Retsgrundlag", SectionOwner.Region,
        [
            new(nameof(CareDocument.LegalBasis), "Retsgrundlag", FieldType.LegalBasis, RequiredToSend: true),
            new(nameof(CareDocument.DeclineReason), "Begrundelse for at borgeren ikke ønsker en udskrivningsaftale", FieldType.LongText,
                RequiredToSend: true, OnlyFor: DocumentKind.CoordinationPlan),
        ]),
        new("consent", "Borgerens samtykke", SectionOwner.Region,
        [
            new(nameof(CareDocument.ConsentGivenBy), "Samtykke givet af (borgeren, eller forældremyndighedsindehaver under 15 år)", FieldType.Text, RequiredToSend: true),
            new(nameof(CareDocument.ConsentDate), "Samtykke givet dato", FieldType.Date, RequiredToSend: true),
            new(nameof(CareDocument.ConsentScope), "Omfang: hvad må deles og med hvem", FieldType.LongText, RequiredToSend: true),
            new(nameof(CareDocument.ConsentRecordedBy), "Registreret af", FieldType.Text, Editable: false),
        ], OnlyFor: DocumentKind.DischargeAgreement),
        new("treatment", "Behandling efter udskrivning", SectionOwner.Region,
        [
            new(nameof(CareDocument.OutpatientUnit), "Ambulant enhed", FieldType.Text, RequiredToSend: true),
            new(nameof(CareDocument.FirstAppointmentOn), "Første ambulante aftale", FieldType.Date),
            new(nameof(CareDocument.Medication), "Medicin", FieldType.LongText),
            new(nameof(CareDocument.MedicationHandledBy), "Hvem udleverer medicin", FieldType.Text),
            new(nameof(CareDocument.OtherTreatment), "Anden behandling", FieldType.LongText),
        ]),
        new("social", "Sociale indsatser", SectionOwner.Both,
        [
            new(nameof(CareDocument.Housing), "Bolig (egen bolig, botilbud)", FieldType.LongText),
            new(nameof(CareDocument.HousingSupport), "Bostøtte", FieldType.LongText),
            new(nameof(CareDocument.Employment), "Jobcenter, uddannelse og forsørgelse", FieldType.LongText),
            new(nameof(CareDocument.Finances), "Økonomi", FieldType.LongText),
            new(nameof(CareDocument.DailyActivities), "Dagligdag og aktiviteter", FieldType.LongText),
        ]),
        new("crisis", "Tidlige tegn og kriseplan", SectionOwner.Region,
        [
            new(nameof(CareDocument.WarningSigns), "Tidlige tegn på tilbagefald", FieldType.LongText, RequiredToSend: true),
            new(nameof(CareDocument.CrisisActions), "Hvad gør borgeren, de pårørende og personalet", FieldType.LongText, RequiredToSend: true),
            new(nameof(CareDocument.CrisisContacts), "Hvem kontaktes, også uden for dagtid", FieldType.LongText, RequiredToSend: true),
        ]),
        new("nonattendance", "Udeblivelse", SectionOwner.Region,
        [
            new(nameof(CareDocument.NonAttendance), "Hvis borgeren udebliver: hvem kontakter hvem, inden for hvor lang tid", FieldType.LongText, RequiredToSend: true),
        ]),
        new("relatives", "Pårørende", SectionOwner.Region,
        [
            new(nameof(CareDocument.RelativesInvolvement), "Pårørendes inddragelse", FieldType.LongText),
            new(nameof(CareDocument.RelativesSharing), "Hvad må deles med de pårørende", FieldType.LongText),
        ]),
        new("meeting", "Netværksmøde", SectionOwner.Both,
        [
            new(nameof(CareDocument.NetworkMeetingRequested), "Netværksmøde ønsket", FieldType.YesNo),
            new(nameof(CareDocument.NetworkMeetingRequestedBy), "Ønsket af", FieldType.Text),
            new(nameof(CareDocument.NetworkMeetingPlannedOn), "Planlagt dato", FieldType.Date),
        ]),
        new("dates", "Datoer", SectionOwner.Region,
        [
            new(nameof(CareDocument.DrawnUpOn), "Udarbejdet dato", FieldType.Date, RequiredToSend: true),
            new(nameof(CareDocument.DischargeOn), "Udskrivningsdato (planlagt)", FieldType.Date, RequiredToSend: true),
            new(nameof(CareDocument.ReviewOn), "Revurderes senest", FieldType.Date),
        ]),
        new("municipality", "Kommunens bemærkninger", SectionOwner.Municipality,
        [
            new(nameof(CareDocument.MunicipalityComment), "Bemærkninger fra kommunen", FieldType.LongText),
        ]),
    ];

    public static DocumentSection? Find(string? key) => All.FirstOrDefault(s => s.Key == key);

    public static IEnumerable<DocumentSection> For(DocumentKind kind) => All.Where(s => s.AppliesTo(kind));

    public static IEnumerable<DocumentField> AllFields => All.SelectMany(s => s.Fields);

    /// <summary>The fields whose values differ between two versions, section by section.</summary>
    public static IEnumerable<(DocumentSection Section, DocumentField Field, string? Old, string? New)> Differences(CareDocument older, CareDocument newer) =>
        For(newer.Kind).SelectMany(s => s.FieldsFor(newer.Kind).Select(f => (s, f, f.Display(older), f.Display(newer))))
            .Where(d => d.Item3 != d.Item4);
}
