using Bunit;
using CaseHub.Core.Agreements;
using CaseHub.Web.Components;

namespace CaseHub.Web.Tests.Agreements;

public class DocumentComponentTests : BunitContext
{
    [Theory]
    [InlineData(DocumentStatus.Draft, "Kladde", "muted")]
    [InlineData(DocumentStatus.Sent, "Sendt", "warn")]
    [InlineData(DocumentStatus.Accepted, "Accepteret", "info")]
    [InlineData(DocumentStatus.Active, "Aktiv", "ok")]
    [InlineData(DocumentStatus.Ended, "Afsluttet", "muted")]
    [InlineData(DocumentStatus.Superseded, "Erstattet af ny version", "muted")]
    [InlineData(DocumentStatus.EnteredInError, "Fejlregistreret", "bad")]
    public void The_badge_names_the_status_in_Danish_with_its_colour(DocumentStatus status, string text, string colour)
    {
        var badge = Render<DocumentStatusBadge>(p => p.Add(c => c.Status, status)).Find("span");

        Assert.Equal(text, badge.TextContent);
        Assert.Contains(colour, badge.ClassList);
        Assert.Contains("badge", badge.ClassList);
    }

    [Fact]
    public void A_section_shows_each_value_in_Danish_and_names_what_is_missing()
    {
        var document = new CareDocument
        {
            Kind = DocumentKind.DischargeAgreement,
            DrawnUpOn = new DateOnly(2026, 3, 2),
            DischargeOn = null,
            ReviewOn = new DateOnly(2026, 6, 1),
        };

        var view = Render<DocumentSectionView>(p => p
            .Add(c => c.Document, document)
            .Add(c => c.Section, DocumentSections.Find("dates")!));

        Assert.Equal("Datoer", view.Find("h3").TextContent);
        Assert.Equal("02-03-2026", view.Find("[data-field=DrawnUpOn]").TextContent);
        Assert.Equal("01-06-2026", view.Find("[data-field=ReviewOn]").TextContent);
        Assert.Equal("Ikke udfyldt (skal udfyldes)", view.Find("[data-field=DischargeOn]").TextContent);
    }

    [Fact]
    public void A_section_shows_only_the_fields_of_its_kind_of_document()
    {
        var plan = new CareDocument { Kind = DocumentKind.CoordinationPlan, LegalBasis = DocumentLegalBasis.Section13b, DeclineReason = "Ønsker ikke at deltage" };
        var agreement = new CareDocument { Kind = DocumentKind.DischargeAgreement, LegalBasis = DocumentLegalBasis.Section13aStk2 };
        var legal = DocumentSections.Find("legal")!;

        var planView = Render<DocumentSectionView>(p => p.Add(c => c.Document, plan).Add(c => c.Section, legal));
        var agreementView = Render<DocumentSectionView>(p => p.Add(c => c.Document, agreement).Add(c => c.Section, legal));

        Assert.Equal("Ønsker ikke at deltage", planView.Find("[data-field=DeclineReason]").TextContent);
        Assert.StartsWith("§13b", planView.Find("[data-field=LegalBasis]").TextContent, StringComparison.Ordinal);
        Assert.Empty(agreementView.FindAll("[data-field=DeclineReason]"));
        Assert.Equal("§13a stk. 2", agreementView.Find("[data-field=LegalBasis]").TextContent);
    }
}
