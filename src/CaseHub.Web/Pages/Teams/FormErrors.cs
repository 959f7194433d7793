using CaseHub.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CaseHub.Web.Pages.Teams;

/// <summary>Puts use-case errors and binding errors next to their fields, in Danish, for the team and meeting pages.</summary>
public static class FormErrors
{
    /// <summary>Replaces binding errors (a date that is not a date) with a Danish message; true when there were none.</summary>
    public static bool BindingIsValid(this ModelStateDictionary modelState)
    {
        foreach (var key in modelState.Keys.Where(k => modelState[k]!.Errors.Count > 0).ToList())
        {
            modelState.Remove(key);
            modelState.AddModelError(key, "Værdien er ikke gyldig.");
        }

        return modelState.IsValid;
    }

    /// <summary>Adds the errors of a use case under the form's prefix; an error without a field goes to the summary.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, string prefix, FieldErrors errors)
    {
        foreach (var (field, message) in errors)
        {
            modelState.AddModelError(field.Length == 0 ? string.Empty : $"{prefix}.{field}", message);
        }
    }
}
