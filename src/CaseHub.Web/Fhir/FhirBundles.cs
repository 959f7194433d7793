using System.Globalization;
using CaseHub.Core.Data;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Serialization;
using CaseHub.Fhir.Validation;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;
using Task = System.Threading.Tasks.Task;

namespace CaseHub.Web.Fhir;

/// <summary>
/// <c>POST /fhir</c> with a Bundle: a <c>transaction</c> runs every entry through the same handlers as single
/// requests inside one database transaction (all or nothing, <c>urn:uuid:</c> references between entries resolved);
/// a <c>batch</c> runs each entry on its own.
/// </summary>
public static class FhirBundles
{
    private const string UuidPrefix = "urn:uuid:";

    /// <summary>What the CapabilityStatement says about Bundles (rest.interaction).</summary>
    public static readonly (CapabilityStatement.SystemRestfulInteraction Code, string Documentation)[] Interactions =
    [
        (CapabilityStatement.SystemRestfulInteraction.Transaction,
            "POST /fhir with a Bundle of type transaction: entries POST {type} (with ifNoneExist on identifier) and PUT {type}/{id} (with ifMatch) "
            + "of the types that support create and update; fullUrl urn:uuid: references between entries are resolved. All or nothing in one database "
            + "transaction; a failing entry rolls back every entry and is named in the OperationOutcome (Bundle.entry[n]...)."),
        (CapabilityStatement.SystemRestfulInteraction.Batch,
            "POST /fhir with a Bundle of type batch: the same entries, each processed on its own; references between entries are not allowed."),
    ];

    /// <summary>One entry, checked and ready to run.</summary>
    private sealed record Step(int Index, Bundle.EntryComponent Entry, Bundle.HTTPVerb Method, string Url, IFhirResourceHandler Handler, string Type, string? Id, int? IfMatch);

    public static Task ProcessAsync(HttpContext context, IEnumerable<IFhirResourceHandler> handlers, ProfileValidator validator, CaseHubDbContext db) =>
        FhirApi.Respond(context, async serialization =>
        {
            var ct = context.RequestAborted;
            var (text, format, error) = await FhirHttp.ReadBodyAsync(context.Request, ct);
            if (error is not null)
            {
                return error;
            }

            var (resource, issues) = serialization.Parse(text!, format);
            if (resource is null)
            {
                return FhirResponse.Errors(StatusCodes.Status400BadRequest, issues);
            }

            if (resource is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
            {
                return FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, resource is Bundle ? "Bundle.type" : "resourceType",
                    "POST /fhir tager en Bundle af typen transaction eller batch.");
            }

            var baseUrl = FhirHttp.BaseUrl(context.Request);
            return bundle.Type == Bundle.BundleType.Transaction
                ? await TransactionAsync(bundle, handlers.ToList(), validator, db, baseUrl, ct)
                : await BatchAsync(bundle, handlers.ToList(), validator, db, baseUrl, ct);
        });

    private static async Task<FhirResponse> TransactionAsync(
        Bundle bundle, List<IFhirResourceHandler> handlers, ProfileValidator validator, CaseHubDbContext db, string baseUrl, CancellationToken ct)
    {
        // Everything that can be judged without the database first: nothing is touched when the Bundle is malformed.
        var issues = new List<FhirIssue>();
        var steps = new List<Step>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (Plan(i, bundle.Entry[i], handlers, issues) is { } step)
            {
                steps.Add(step);
            }
        }

        var fullUrls = bundle.Entry.Select((e, i) => (e.FullUrl, i)).Where(p => p.FullUrl?.StartsWith(UuidPrefix, StringComparison.Ordinal) == true).ToList();
        foreach (var duplicate in fullUrls.GroupBy(p => p.FullUrl).Where(g => g.Count() > 1))
        {
            issues.Add(new FhirIssue(IssueType.Duplicate, $"Bundle.entry[{duplicate.Last().i}].fullUrl", $"fullUrl {duplicate.Key} bruges af flere poster."));
        }

        var order = issues.Count == 0 ? Order(steps, issues) : [];
        if (issues.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status400BadRequest, issues);
        }

        var results = new FhirResponse[bundle.Entry.Count];
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var step in order)
            {
                var response = await RunAsync(step, resolved, validator, ct);
                if (!response.IsSuccess)
                {
                    // The entries' audit records are not in this transaction (AuditLog writes them through its own
                    // context when the response starts), so a refused transaction stays on the audit trail.
                    await transaction.RollbackAsync(ct);
                    return Named(response, step);
                }

                if (step.Entry.FullUrl?.StartsWith(UuidPrefix, StringComparison.Ordinal) == true)
                {
                    resolved[step.Entry.FullUrl] = $"{step.Type}/{response.Body.Id}";
                }

                results[step.Index] = response;
            }

            await transaction.CommitAsync(ct);
        }

        return new FhirResponse(StatusCodes.Status200OK, new Bundle
        {
            Type = Bundle.BundleType.TransactionResponse,
            Entry = steps.Select(s => ResponseEntry(s, results[s.Index], baseUrl)).ToList(),
        });
    }

    private static async Task<FhirResponse> BatchAsync(
        Bundle bundle, List<IFhirResourceHandler> handlers, ProfileValidator validator, CaseHubDbContext db, string baseUrl, CancellationToken ct)
    {
        var entries = new List<Bundle.EntryComponent>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var issues = new List<FhirIssue>();
            var step = Plan(i, bundle.Entry[i], handlers, issues);
            FhirResponse response;
            if (step is null)
            {
                response = FhirResponse.Errors(StatusCodes.Status400BadRequest, issues);
            }
            else
            {
                // Each entry starts from what is saved, not from what an earlier entry left in the change tracker.
                db.ChangeTracker.Clear();
                response = await RunAsync(step, new Dictionary<string, string>(StringComparer.Ordinal), validator, ct);
            }

            entries.Add(response.IsSuccess
                ? ResponseEntry(step!, response, baseUrl)
                : new Bundle.EntryComponent
                {
                    Response = new Bundle.ResponseComponent { Status = StatusText(response.Status), Outcome = Named(response, i, step?.Type).Body },
                });
        }

        return new FhirResponse(StatusCodes.Status200OK, new Bundle { Type = Bundle.BundleType.BatchResponse, Entry = entries });
    }

    /// <summary>Checks an entry's request and resource; null (with the issues added) when it cannot run.</summary>
    private static Step? Plan(int index, Bundle.EntryComponent entry, List<IFhirResourceHandler> handlers, List<FhirIssue> issues)
    {
        var at = $"Bundle.entry[{index}]";
        var count = issues.Count;
        if (entry.Request is not { Method: { } method, Url: { } url })
        {
            issues.Add(new FhirIssue(IssueType.Required, $"{at}.request", "Angiv request med method og url."));
            return null;
        }

        var parts = url.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var type = parts.FirstOrDefault() ?? string.Empty;
        var handler = FhirApi.Handler(handlers, type);
        if (url.Contains('?', StringComparison.Ordinal))
        {
            issues.Add(new FhirIssue(IssueType.NotSupported, $"{at}.request.url", "Betingede opdateringer understøttes ikke; brug ifNoneExist på en POST."));
        }
        else if (handler is null)
        {
            issues.Add(new FhirIssue(IssueType.NotSupported, $"{at}.request.url", $"Ressourcetypen '{type}' understøttes ikke; se /fhir/metadata."));
        }
        else if (method == Bundle.HTTPVerb.POST && (parts.Length != 1 || !handler.Definition.Create))
        {
            issues.Add(new FhirIssue(IssueType.NotSupported, $"{at}.request.url", handler.Definition.Create
                ? $"En POST i en Bundle har url {type}." : $"create understøttes ikke for {type}; se /fhir/metadata."));
        }
        else if (method == Bundle.HTTPVerb.PUT && (parts.Length != 2 || !handler.Definition.Update))
        {
            issues.Add(new FhirIssue(IssueType.NotSupported, $"{at}.request.url", handler.Definition.Update
                ? $"En PUT i en Bundle har url {type}/<id>." : $"update understøttes ikke for {type}; se /fhir/metadata."));
        }
        else if (method is not (Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT))
        {
            issues.Add(new FhirIssue(IssueType.NotSupported, $"{at}.request.method", "En Bundle kan indeholde POST og PUT; læs og søg med GET på /fhir/{type}."));
        }

        if (entry.Resource is null)
        {
            issues.Add(new FhirIssue(IssueType.Required, $"{at}.resource", "Posten mangler sin ressource."));
        }
        else if (handler is not null && entry.Resource.TypeName != type)
        {
            issues.Add(new FhirIssue(IssueType.Invalid, $"{at}.resource.resourceType", $"url er til {type}, men ressourcen er en {entry.Resource.TypeName}."));
        }
        else if (method == Bundle.HTTPVerb.PUT && parts.Length == 2 && entry.Resource.Id != parts[1])
        {
            issues.Add(new FhirIssue(IssueType.Invalid, $"{at}.resource.id", $"Ressourcens id ('{entry.Resource.Id}') skal være det samme som i url ('{parts[1]}')."));
        }

        var ifMatch = FhirHttp.IfMatch(entry.Request.IfMatch);
        if (ifMatch == -1)
        {
            issues.Add(new FhirIssue(IssueType.Invalid, $"{at}.request.ifMatch", "ifMatch skal have formen W/\"versionId\"."));
        }

        if (entry.Request.IfNoneExist is not null && method != Bundle.HTTPVerb.POST)
        {
            issues.Add(new FhirIssue(IssueType.Invalid, $"{at}.request.ifNoneExist", "ifNoneExist hører til en POST."));
        }

        return issues.Count > count ? null : new Step(index, entry, method, url, handler!, type, parts.Length == 2 ? parts[1] : null, ifMatch);
    }

    /// <summary>
    /// Creates before updates, and an entry after the entries whose urn:uuid it refers to, so every reference can
    /// be resolved when its entry runs; a cycle cannot be.
    /// </summary>
    private static List<Step> Order(List<Step> steps, List<FhirIssue> issues)
    {
        var byFullUrl = steps.Where(s => s.Entry.FullUrl?.StartsWith(UuidPrefix, StringComparison.Ordinal) == true).ToDictionary(s => s.Entry.FullUrl!, StringComparer.Ordinal);
        var order = new List<Step>();
        var state = new Dictionary<int, bool>(); // false: being visited, true: done
        void Visit(Step step)
        {
            if (state.TryGetValue(step.Index, out var done))
            {
                if (!done)
                {
                    issues.Add(new FhirIssue(IssueType.Invalid, $"Bundle.entry[{step.Index}]", "Posterne henviser i ring til hinanden; det kan ikke oprettes."));
                }

                return;
            }

            state[step.Index] = false;
            foreach (var reference in References(step.Entry.Resource!, step.Type).Select(r => r.Reference.Reference!))
            {
                if (byFullUrl.TryGetValue(reference, out var target) && target != step)
                {
                    Visit(target);
                }
            }

            state[step.Index] = true;
            order.Add(step);
        }

        foreach (var step in steps.Where(s => s.Method == Bundle.HTTPVerb.POST).Concat(steps.Where(s => s.Method == Bundle.HTTPVerb.PUT)))
        {
            Visit(step);
        }

        return order;
    }

    /// <summary>Every urn:uuid reference in a resource, with its FHIRPath.</summary>
    private static List<(ResourceReference Reference, string Path)> References(Base node, string path)
    {
        var found = new List<(ResourceReference, string)>();
        if (node is ResourceReference { Reference: { } reference } r && reference.StartsWith(UuidPrefix, StringComparison.Ordinal))
        {
            found.Add((r, $"{path}.reference"));
        }

        foreach (var (name, value) in node.EnumerateElements())
        {
            if (value is IReadOnlyList<Base> list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    found.AddRange(References(list[i], $"{path}.{name}[{i}]"));
                }
            }
            else if (value is Base child and not PrimitiveType)
            {
                found.AddRange(References(child, $"{path}.{name}"));
            }
        }

        return found;
    }

    /// <summary>Resolves the entry's references, checks it as a single request would be, and runs it through its handler.</summary>
    private static async Task<FhirResponse> RunAsync(Step step, Dictionary<string, string> resolved, ProfileValidator validator, CancellationToken ct)
    {
        var resource = step.Entry.Resource!;
        var unresolved = new List<FhirIssue>();
        foreach (var (reference, path) in References(resource, step.Type))
        {
            if (resolved.TryGetValue(reference.Reference!, out var target))
            {
                reference.Reference = target;
            }
            else
            {
                unresolved.Add(new FhirIssue(IssueType.NotFound, path, $"{reference.Reference} er ikke fullUrl på en anden post i denne transaction-Bundle."));
            }
        }

        if (unresolved.Count > 0)
        {
            return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, unresolved);
        }

        if (FhirApi.Check(step.Handler, resource, validator) is { } refused)
        {
            return refused;
        }

        if (step.Method == Bundle.HTTPVerb.PUT)
        {
            return await step.Handler.UpdateAsync(step.Id!, resource, step.IfMatch, ct);
        }

        if (step.Entry.Request!.IfNoneExist is { Length: > 0 } condition
            && await FhirApi.ConditionalMatchAsync(step.Handler, condition, ct) is { } existing)
        {
            return existing;
        }

        return await step.Handler.CreateAsync(resource, ct);
    }

    private static Bundle.EntryComponent ResponseEntry(Step step, FhirResponse response, string baseUrl)
    {
        var id = response.Body.Id;
        var version = response.Version?.VersionId.ToString(CultureInfo.InvariantCulture);
        return new Bundle.EntryComponent
        {
            FullUrl = $"{baseUrl}/{step.Type}/{id}",
            Resource = response.Body,
            Response = new Bundle.ResponseComponent
            {
                Status = StatusText(response.Status),
                Location = version is null ? null : $"{step.Type}/{id}/_history/{version}",
                Etag = response.Version is { } v ? FhirHttp.ETag(v.VersionId) : null,
                LastModified = response.Version is { } w ? new DateTimeOffset(DateTime.SpecifyKind(w.LastUpdated, DateTimeKind.Utc)) : null,
            },
        };
    }

    private static string StatusText(int status) => $"{status.ToString(CultureInfo.InvariantCulture)} {ReasonPhrases.GetReasonPhrase(status)}";

    private static FhirResponse Named(FhirResponse response, Step step) => Named(response, step.Index, step.Type, $"{step.Method} {step.Url}");

    /// <summary>The entry's OperationOutcome with every path and message naming the entry (<c>Bundle.entry[3].resource.note[0]</c>).</summary>
    private static FhirResponse Named(FhirResponse response, int index, string? type, string? request = null)
    {
        var outcome = (OperationOutcome)response.Body.DeepCopy();
        var at = $"Bundle.entry[{index}]";
        foreach (var issue in outcome.Issue)
        {
            issue.Expression = issue.Expression.Select(path => path switch
            {
                null => path,
                _ when path.StartsWith(at, StringComparison.Ordinal) => path,
                _ when type is not null && (path == type || path.StartsWith(type + ".", StringComparison.Ordinal)) => $"{at}.resource{path[type.Length..]}",
                "resourceType" => $"{at}.resource.resourceType",
                "If-None-Exist" => $"{at}.request.ifNoneExist",
                "If-Match" => $"{at}.request.ifMatch",
                _ => $"{at}.{path}",
            }).ToList();
            issue.Diagnostics = $"Post {index.ToString(CultureInfo.InvariantCulture)}{(request is null ? string.Empty : $" ({request})")}: {issue.Diagnostics}";
        }

        return response with { Body = outcome };
    }
}
