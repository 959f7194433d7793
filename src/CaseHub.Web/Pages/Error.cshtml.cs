using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseHub.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Der opstod en fejl";

    public string Message { get; private set; } = "Noget gik galt. Prøv igen, og kontakt support, hvis fejlen fortsætter.";

    /// <summary>The patient a ward contact person was refused, when nødadgang may be offered.</summary>
    public Guid? EmergencyPatientId { get; private set; }

    /// <summary>A refused form post is re-executed here as a POST: it must get the same Danish page, not the generic error.</summary>
    public void OnPost(int? status) => OnGet(status);

    public void OnGet(int? status)
    {
        if (status == StatusCodes.Status403Forbidden)
        {
            EmergencyPatientId = HttpContext.Items[CaseHub.Web.Access.PatientGuard.RefusedPatientItem] as Guid?;
            Title = "Ingen adgang";
            Message = "Du har ikke adgang til disse oplysninger. Adgang kræver, at du har en relation til borgeren, fx at borgeren er indlagt på dit afsnit eller bor i din kommune. Forsøget er registreret i logningen. Kontakt din administrator, hvis du mener, du burde have adgang.";
        }
        else if (status == StatusCodes.Status404NotFound)
        {
            Title = "Siden findes ikke";
            Message = "Vi kunne ikke finde den side, du bad om. Tjek adressen, eller gå tilbage til forsiden.";
        }
    }
}
