using System.Globalization;
using CaseHub.Fhir;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Fhir.Serialization;
using CaseHub.Fhir.Validation;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Diagnostics;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>The FHIR R4 REST API at /fhir: registration, error handling and the routes shared by every resource type.</summary>
public static class FhirApi
{
    private static readonly string[] ContractTypes = ["StructureDefinition", "CodeSystem", "ValueSet"];

    public static IServiceCollection AddCaseHubFhir(this IServiceCollection services)
    {
        services.AddCaseHubFhirCore();
        services.AddScoped<IFhirResourceHandler, PatientHandler>();
        services.AddScoped<IFhirResourceHandler, EncounterHandler>();
        services.AddScoped<IFhirResourceHandler, OrganizationHandler>();
        services.AddScoped<IFhirResourceHandler, PractitionerHandler>();
        services.AddScoped<IFhirResourceHandler, PractitionerRoleHandler>();
        services.AddScoped<IFhirResourceHandler, AuditEventHandler>();
        services.AddScoped<IFhirResourceHandler, CarePlanHandler>();
        services.AddScoped<IFhirResourceHandler, CareTeamHandler>();
        services.AddScoped<IFhirResourceHandler, AppointmentHandler>();
        services.AddScoped<IFhirResourceHandler, CommunicationHandler>();
        services.AddScoped<IFhirResourceHandler, TaskHandler>();
        services.AddScoped<IFhirResourceHandler, ConsentHandler>();
        services.AddScoped<IFhirResourceHandler, FlagHandler>();
        services.AddScoped<IFhirResourceHandler, MeasureHandler>();
        services.AddScoped<IFhirResourceHandler, MeasureReportHandler>();
        return services;
    }

    /// <summary>
    /// Every /fhir response that would otherwise be empty or HTML (401 from the bearer scheme, 403, 404 of an unknown
    /// route, an exception) becomes an OperationOutcome, and the HTML status pages stay out of the API.
    /// </summary>
    public static IApplicationBuilder UseFhirOutcomes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/fhir"))
        {
            await next();
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        var serialization = context.RequestServices.GetRequiredService<FhirSerialization>();
        try
        {
            await next();
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CaseHub.Fhir").LogError(e, "FHIR request failed");
            context.Response.Clear();
            // Developers see what went wrong; anyone else only that it was logged.
            var detail = context.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment() ? $" ({e.GetType().Name}: {e.Message})" : string.Empty;
            await FhirHttp.WriteOutcomeAsync(context, StatusCodes.Status500InternalServerError, IssueType.Exception, $"Der opstod en uventet fejl; den er logget.{detail}", serialization);
            return;
        }

        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentType is null)
        {
            var (code, message) = context.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => (IssueType.Login, "Log ind med et bearer-token."),
                StatusCodes.Status403Forbidden => (IssueType.Forbidden, "Ingen adgang."),
                StatusCodes.Status404NotFound => (IssueType.NotFound, "Ukendt adresse i FHIR-API'et; se /fhir/metadata."),
                StatusCodes.Status405MethodNotAllowed => (IssueType.NotSupported, "Metoden understøttes ikke her; se /fhir/metadata."),
                _ => (IssueType.Processing, "Forespørgslen kunne ikke behandles."),
            };
            await FhirHttp.WriteOutcomeAsync(context, context.Response.StatusCode, code, message, serialization);
        }
    });

    public static IEndpointRouteBuilder MapCaseHubFhir(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/fhir").AllowAnonymous().WithTags("FHIR");
        open.MapGet("/metadata", (HttpContext context, IEnumerable<IFhirResourceHandler> handlers, FhirSerialization serialization, FhirContract contract) =>
            FhirHttp.WriteAsync(context, new FhirResponse(StatusCodes.Status200OK, CapabilityStatementBuilder.Build(
                handlers.Select(h => h.Definition), ContractTypes, FhirHttp.BaseUrl(context.Request), ContractDate(contract), FhirBundles.Interactions)), serialization));
        foreach (var type in ContractTypes)
        {
            open.MapGet($"/{type}/{{id}}", (HttpContext context, string id, FhirContract contract, FhirSerialization serialization) =>
                FhirHttp.WriteAsync(context, contract.All.FirstOrDefault(r => r.TypeName == type && r.Id == id) is { } resource
                    ? new FhirResponse(StatusCodes.Status200OK, resource)
                    : FhirResponse.NotFound(type, id), serialization));
        }

        var fhir = app.MapGroup("/fhir").RequireAuthorization().WithTags("FHIR");
        fhir.MapGet("/{type}", SearchAsync);
        fhir.MapPost("/{type}", CreateAsync);
        fhir.MapGet("/{type}/{id}", ReadAsync);
        fhir.MapPut("/{type}/{id}", UpdateAsync);
        fhir.MapGet("/{type}/{id}/_history", HistoryAsync);
        fhir.MapGet("/{type}/{id}/_history/{vid}", VReadAsync);
        fhir.MapPost("", FhirBundles.ProcessAsync);
        return app;
    }

    // The statement changes when the contract does, so it carries the date of the newest profile.
    private static DateTimeOffset ContractDate(FhirContract contract) =>
        contract.StructureDefinitions.Values.Select(sd => DateTimeOffset.Parse(sd.Date ?? "2026-01-01", CultureInfo.InvariantCulture)).Max();

    internal static async Task Respond(HttpContext context, Func<FhirSerialization, Task<FhirResponse>> handle)
    {
        var serialization = context.RequestServices.GetRequiredService<FhirSerialization>();
        if (FhirHttp.ResponseFormat(context.Request) is null)
        {
            await FhirHttp.WriteAsync(context, FhirResponse.Error(StatusCodes.Status406NotAcceptable, IssueType.NotSupported, "_format",
                "Formatet understøttes ikke; brug json eller xml."), serialization);
            return;
        }

        await FhirHttp.WriteAsync(context, await handle(serialization), serialization);
    }

    internal static IFhirResourceHandler? Handler(IEnumerable<IFhirResourceHandler> handlers, string type) =>
        handlers.FirstOrDefault(h => h.Definition.Type == type);

    private static FhirResponse UnknownType(string type) =>
        FhirResponse.Error(StatusCodes.Status404NotFound, IssueType.NotSupported, type, $"Ressourcetypen '{type}' understøttes ikke; se /fhir/metadata.");

    private static Task ReadAsync(HttpContext context, string type, string id, IEnumerable<IFhirResourceHandler> handlers) =>
        Respond(context, async _ => Handler(handlers, type) is { } handler ? await handler.ReadAsync(id, context.RequestAborted) : UnknownType(type));

    private static Task VReadAsync(HttpContext context, string type, string id, string vid, IEnumerable<IFhirResourceHandler> handlers, ResourceHistory history) =>
        Respond(context, async serialization =>
        {
            if (Handler(handlers, type) is not { } handler)
            {
                return UnknownType(type);
            }

            // The read does the access check and the audit, and brings the history up to date with the domain.
            var current = await handler.ReadAsync(id, context.RequestAborted);
            if (!current.IsSuccess)
            {
                return current;
            }

            var version = !int.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? null
                : current.Version is { Id: 0 } immutable ? (v == immutable.VersionId ? immutable : null)
                : await history.VersionAsync(type, id, v, context.RequestAborted);
            return version is null
                ? FhirResponse.Error(StatusCodes.Status404NotFound, IssueType.NotFound, type, $"{type}/{id} har ingen version {vid}.")
                : FhirResponse.Ok(serialization.ParseTrusted<Resource>(version.Json), version);
        });

    private static Task HistoryAsync(HttpContext context, string type, string id, IEnumerable<IFhirResourceHandler> handlers, ResourceHistory history) =>
        Respond(context, async serialization =>
        {
            if (Handler(handlers, type) is not { } handler)
            {
                return UnknownType(type);
            }

            var current = await handler.ReadAsync(id, context.RequestAborted);
            if (!current.IsSuccess)
            {
                return current;
            }

            // An immutable resource (never stored in the history table) has exactly its one version.
            var versions = current.Version is { Id: 0 } immutable ? [immutable] : await history.HistoryAsync(type, id, context.RequestAborted);
            var baseUrl = FhirHttp.BaseUrl(context.Request);
            var bundle = new Bundle
            {
                Type = Bundle.BundleType.History,
                Total = versions.Count,
                Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/{type}/{id}/_history" }],
                Entry = versions.Select(v => new Bundle.EntryComponent
                {
                    FullUrl = $"{baseUrl}/{type}/{id}",
                    Resource = serialization.ParseTrusted<Resource>(v.Json),
                    Request = new Bundle.RequestComponent
                    {
                        Method = v.VersionId == 1 ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT,
                        Url = v.VersionId == 1 ? type : $"{type}/{id}",
                    },
                }).ToList(),
            };
            return new FhirResponse(StatusCodes.Status200OK, bundle);
        });

    private static Task SearchAsync(HttpContext context, string type, IEnumerable<IFhirResourceHandler> handlers) =>
        Respond(context, async _ =>
        {
            if (Handler(handlers, type) is not { } handler)
            {
                return UnknownType(type);
            }

            var query = context.Request.Query;
            if (!TryInt(query["_count"], FhirSearch.DefaultCount, out var count) || count < 1 || !TryInt(query["_offset"], 0, out var offset) || offset < 0)
            {
                return FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, "_count", "_count og _offset skal være hele, positive tal.");
            }

            count = Math.Min(count, FhirSearch.MaxCount);
            var parameters = query.Where(q => q.Key is not ("_count" or "_offset" or "_format"))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
            // _include and _revinclude are resolved here, after the handler's search, through the included types' handlers.
            var includes = parameters.Where(p => FhirIncludes.IsIncludeParameter(p.Key)).ToList();
            if (FhirIncludes.Check(type, includes) is { } unsupported)
            {
                return unsupported;
            }

            var result = await handler.SearchAsync(new FhirSearch(parameters.Where(p => !FhirIncludes.IsIncludeParameter(p.Key)).ToList(), count, offset), context.RequestAborted);
            if (result.Error is { } error)
            {
                return error;
            }

            var included = await FhirIncludes.ResolveAsync(type, includes, result.Resources, handlers, context.RequestAborted);

            var baseUrl = FhirHttp.BaseUrl(context.Request);
            // Page links repeat the search and the format, so a client that follows them gets what it asked for.
            var format = query["_format"].ToString();
            string Page(int at) => $"{baseUrl}/{type}?" + string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")
                .Append($"_count={count}").Append($"_offset={at}").Concat(format.Length > 0 ? [$"_format={Uri.EscapeDataString(format)}"] : []));
            var bundle = new Bundle
            {
                Type = Bundle.BundleType.Searchset,
                Total = result.Total,
                Link = [new Bundle.LinkComponent { Relation = "self", Url = Page(offset) }],
                Entry = result.Resources.Select(r => new Bundle.EntryComponent
                {
                    FullUrl = $"{baseUrl}/{r.TypeName}/{r.Id}",
                    Resource = r,
                    Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
                }).Concat(included.Select(r => new Bundle.EntryComponent
                {
                    FullUrl = $"{baseUrl}/{r.TypeName}/{r.Id}",
                    Resource = r,
                    Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include },
                })).ToList(),
            };
            if (offset + count < result.Total)
            {
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Page(offset + count) });
            }

            if (offset > 0)
            {
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = Page(Math.Max(0, offset - count)) });
            }

            return new FhirResponse(StatusCodes.Status200OK, bundle);
        });

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static Task CreateAsync(HttpContext context, string type, IEnumerable<IFhirResourceHandler> handlers, ProfileValidator validator) =>
        Respond(context, async serialization =>
        {
            if (Handler(handlers, type) is not { } handler)
            {
                return UnknownType(type);
            }

            if (!handler.Definition.Create)
            {
                return FhirResponse.NotSupported(type, "create");
            }

            var (resource, error) = await ParseAsync(context, handler, serialization, validator);
            if (error is not null)
            {
                return error;
            }

            if (context.Request.Headers["If-None-Exist"].ToString() is { Length: > 0 } condition)
            {
                var existing = await ConditionalMatchAsync(handler, condition, context.RequestAborted);
                if (existing is not null)
                {
                    return existing;
                }
            }

            return await handler.CreateAsync(resource!, context.RequestAborted) is var created && created.IsSuccess && created.Version is { } v
                ? WithLocation(context, created, type, v.ResourceId, v.VersionId)
                : created;
        });

    /// <summary>If-None-Exist: an existing match is returned as it is (200); several matches are an error (412).</summary>
    internal static async Task<FhirResponse?> ConditionalMatchAsync(IFhirResourceHandler handler, string condition, CancellationToken ct)
    {
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(condition.TrimStart('?'))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
        if (parameters.Count == 0 || parameters.Any(p => p.Key != "identifier"))
        {
            return FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, "If-None-Exist", "If-None-Exist skal være en søgning på identifier, fx identifier=urn:oid:1.2.208.176.1.2|0101011234.");
        }

        var result = await handler.SearchAsync(new FhirSearch(parameters, 2, 0), ct);
        return result.Error ?? (result.Total switch
        {
            0 => null,
            1 => await handler.ReadAsync(result.Resources[0].Id!, ct),
            _ => FhirResponse.Error(StatusCodes.Status412PreconditionFailed, IssueType.MultipleMatches, "If-None-Exist", "Betingelsen matcher flere ressourcer."),
        });
    }

    private static FhirResponse WithLocation(HttpContext context, FhirResponse response, string type, string id, int version)
    {
        context.Response.Headers.Location = $"{FhirHttp.BaseUrl(context.Request)}/{type}/{id}/_history/{version.ToString(CultureInfo.InvariantCulture)}";
        return response;
    }

    private static Task UpdateAsync(HttpContext context, string type, string id, IEnumerable<IFhirResourceHandler> handlers, ProfileValidator validator) =>
        Respond(context, async serialization =>
        {
            if (Handler(handlers, type) is not { } handler)
            {
                return UnknownType(type);
            }

            if (!handler.Definition.Update)
            {
                return FhirResponse.NotSupported(type, "update");
            }

            var (resource, error) = await ParseAsync(context, handler, serialization, validator);
            if (error is not null)
            {
                return error;
            }

            if (resource!.Id != id)
            {
                return FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, $"{type}.id", $"Ressourcens id ('{resource.Id}') skal være det samme som i adressen ('{id}').");
            }

            var ifMatch = FhirHttp.IfMatch(context.Request);
            return ifMatch == -1
                ? FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, "If-Match", "If-Match skal have formen W/\"versionId\".")
                : await handler.UpdateAsync(id, resource, ifMatch, context.RequestAborted);
        });

    /// <summary>Body, format, parse, resource type and profile: every reason to refuse before any domain rule runs.</summary>
    private static async Task<(Resource? Resource, FhirResponse? Error)> ParseAsync(
        HttpContext context, IFhirResourceHandler handler, FhirSerialization serialization, ProfileValidator validator)
    {
        var (text, format, error) = await FhirHttp.ReadBodyAsync(context.Request, context.RequestAborted);
        if (error is not null)
        {
            return (null, error);
        }

        var (resource, issues) = serialization.Parse(text!, format);
        if (resource is null)
        {
            return (null, FhirResponse.Errors(StatusCodes.Status400BadRequest, issues));
        }

        return Check(handler, resource, validator) is { } refused ? (null, refused) : (resource, null);
    }

    /// <summary>The resource type and the handler's profile: what a parsed resource must pass before a handler sees it.</summary>
    internal static FhirResponse? Check(IFhirResourceHandler handler, Resource resource, ProfileValidator validator)
    {
        var type = handler.Definition.Type;
        if (resource.TypeName != type)
        {
            return FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, "resourceType", $"Adressen er til {type}, men ressourcen er en {resource.TypeName}.");
        }

        if (handler.Definition.Profile is { } profile)
        {
            var problems = validator.Validate(resource, profile);
            if (problems.Count > 0)
            {
                return FhirResponse.Errors(StatusCodes.Status422UnprocessableEntity, problems);
            }
        }

        return null;
    }
}
