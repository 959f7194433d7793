using System.Globalization;
using System.Text;
using CaseHub.Core.Agreements;
using CaseHub.Core.Patients;

namespace CaseHub.Core.Exchange;

/// <summary>
/// The whole document as Danish plain text, in the order of the print view (header, sections, participants after
/// the legal basis, agreed actions after the social services): what a receiver without CaseHub reads in the
/// CareCommunication attachment. Needs Patient, AuthoringWard, ReceivingMunicipality, Participants and Actions.
/// </summary>
public static class DocumentPlainText
{
    public static string Render(CareDocument d)
    {
        var text = new StringBuilder();
        var patient = d.Patient!;
        Line(text, $"{d.Kind.Danish()} efter psykiatriloven");
        Line(text, new string('=', 40));
        Line(text, $"Borger: {patient.FullName}, CPR-nummer {Cpr(patient.Cpr)}");
        Line(text, $"Status: {d.Status.Danish()} (version {d.Revision.ToString(CultureInfo.InvariantCulture)})");
        Line(text, $"Udarbejdet af: {d.AuthoringWard!.Name} (SOR {d.AuthoringWard.Code})");
        Line(text, $"Modtager: {d.ReceivingMunicipality!.Name} (kommunekode {d.ReceivingMunicipality.Code})");
        if (d.EndedOn is { } ended)
        {
            Line(text, $"Afsluttet: {Date(ended)}{(d.EndReason is null ? string.Empty : ": " + d.EndReason)}");
        }

        if (d.Status == DocumentStatus.EnteredInError)
        {
            Line(text, $"Annulleret (fejlregistreret){(d.EnteredInErrorReason is null ? string.Empty : ": " + d.EnteredInErrorReason)}");
        }

        Line(text, $"Dokument-id: {d.Id:D}");
        foreach (var section in DocumentSections.For(d.Kind))
        {
            Heading(text, section.Title);
            foreach (var field in section.FieldsFor(d.Kind))
            {
                Line(text, $"{field.Label}: {field.Display(d) ?? "(ikke udfyldt)"}");
            }

            if (section.Key == "legal")
            {
                Heading(text, "Deltagere");
                if (d.Participants.Count == 0)
                {
                    Line(text, "(ingen)");
                }

                foreach (var p in d.Participants.OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal))
                {
                    Line(text, $"- {p.Role.Danish()}: {p.Name}{Part(p.Organization)}{Part(p.Contact)}");
                }
            }

            if (section.Key == "social")
            {
                Heading(text, "Aftalte indsatser");
                if (d.Actions.Count == 0)
                {
                    Line(text, "Ingen aftalte indsatser.");
                }

                foreach (var a in d.Actions.OrderBy(a => a.DueOn).ThenBy(a => a.What, StringComparer.Ordinal))
                {
                    var responsible = string.Join(", ", new[] { a.ResponsibleOrganization, a.ResponsiblePerson }.Where(s => !string.IsNullOrWhiteSpace(s)));
                    Line(text, $"- {a.What} (ansvarlig: {(responsible.Length == 0 ? "ikke angivet" : responsible)}; " +
                        $"frist: {(a.DueOn is { } due ? Date(due) : "ingen")}; status: {a.Status.Danish()}; {a.OwnerSector.DanishSide().ToLowerInvariant()})");
                }
            }
        }

        text.Append('\n');
        Line(text, "Sendt fra CaseHub. Oplysningerne deles efter psykiatrilovens §13c.");
        return text.ToString();
    }

    /// <summary>The title the message and the attachment carry, e.g. "Udskrivningsaftale, version 2 (Sendt)".</summary>
    public static string Title(CareDocument d) => $"{d.Kind.Danish()}, version {d.Revision.ToString(CultureInfo.InvariantCulture)} ({d.Status.Danish()})";

    private static string Cpr(string cpr) => CprNumber.TryParse(cpr, out var parsed, out _) ? parsed.ToDisplayString() : cpr;

    private static string Date(DateOnly day) => day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private static string Part(string? value) => string.IsNullOrWhiteSpace(value) ? string.Empty : ", " + value;

    private static void Heading(StringBuilder text, string title)
    {
        text.Append('\n');
        Line(text, title);
        Line(text, new string('-', title.Length));
    }

    // "\n" line endings whatever the platform, so the attachment is byte-for-byte the same on every server.
    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
