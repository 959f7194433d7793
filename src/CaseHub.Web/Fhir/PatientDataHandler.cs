using CaseHub.Fhir.History;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>A resource mapped from the domain, whose data it is, and when the domain says it last changed.</summary>
public sealed record MappedResource(Resource Resource, Guid? PatientId, DateTime? ChangedAt);

/// <summary>
/// Paging for handlers whose resources have no single domain change time to filter on (a team, a meeting, a consent):
/// without <c>_lastUpdated</c> the database pages; with it, every match is stamped with its version and filtered on
/// meta.lastUpdated, so the filter and the returned meta always agree.
/// </summary>
public abstract class PatientDataHandler(ResourceHistory history) : FhirResourceHandler
{
    /// <summary>Stamps the resource with its current version (appending one when the domain changed it).</summary>
    protected Task<Core.Fhir.FhirResourceVersion> StampAsync(MappedResource mapped, CancellationToken ct) =>
        history.CurrentAsync(mapped.Resource, mapped.PatientId, mapped.ChangedAt, ct);

    protected async Task<FhirResponse> OkAsync(MappedResource mapped, CancellationToken ct) =>
        FhirResponse.Ok(mapped.Resource, await StampAsync(mapped, ct));

    /// <param name="ordered">The matches, in a stable order.</param>
    /// <param name="search">The search (its <c>_lastUpdated</c> values are applied here).</param>
    /// <param name="map">Maps a page of rows (loading what the mapping needs).</param>
    /// <param name="audit">Records the read of the listed patients' data.</param>
    /// <param name="ct">Cancellation.</param>
    protected async Task<FhirSearchResult> PageAsync<T>(
        IQueryable<T> ordered, FhirSearch search, Func<List<T>, Task<List<MappedResource>>> map,
        Func<IReadOnlyCollection<Guid>, Task> audit, CancellationToken ct)
    {
        var filters = new List<(string Prefix, DateTime Low, DateTime High)>();
        foreach (var value in search.Parameters.Where(p => p.Key == "_lastUpdated").Select(p => p.Value))
        {
            if (DateParameter(value) is not { } range)
            {
                return FhirSearchResult.Fail(FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, "_lastUpdated",
                    $"'{value}' er ikke en gyldig dato; brug fx ge2026-03-01 eller lt2026-03-01T12:00:00Z."));
            }

            filters.Add(range);
        }

        int total;
        List<MappedResource> page;
        if (filters.Count == 0)
        {
            total = ordered is IAsyncEnumerable<T> ? await ordered.CountAsync(ct) : ordered.Count();
            page = await map(await ListAsync(ordered.Skip(search.Offset).Take(search.Count), ct));
            foreach (var mapped in page)
            {
                await StampAsync(mapped, ct);
            }
        }
        else
        {
            var all = await map(await ListAsync(ordered, ct));
            var matches = new List<MappedResource>();
            foreach (var mapped in all)
            {
                var version = await StampAsync(mapped, ct);
                if (filters.All(f => Matches(f, version.LastUpdated)))
                {
                    matches.Add(mapped);
                }
            }

            total = matches.Count;
            page = matches.Skip(search.Offset).Take(search.Count).ToList();
        }

        await audit(page.Select(m => m.PatientId).OfType<Guid>().Distinct().ToList());
        return new FhirSearchResult(null, total, page.Select(m => m.Resource).ToList());
    }

    /// <summary>EF queries run asynchronously; an in-memory one (a catalogue) as it is.</summary>
    private static async Task<List<T>> ListAsync<T>(IQueryable<T> query, CancellationToken ct) =>
        query is IAsyncEnumerable<T> ? await query.ToListAsync(ct) : query.ToList();

    /// <summary>The same prefix rules as the domain-column filters of the other handlers.</summary>
    private static bool Matches((string Prefix, DateTime Low, DateTime High) filter, DateTime at) => filter.Prefix switch
    {
        "eq" => at >= filter.Low && at < filter.High,
        "ge" => at >= filter.Low,
        "gt" => at >= filter.High,
        "le" => at < filter.High,
        _ => at < filter.Low,
    };

    /// <summary>A 400 for a date parameter that cannot be read.</summary>
    protected static FhirSearchResult BadDate(string name, string value) =>
        FhirSearchResult.Fail(FhirResponse.Error(StatusCodes.Status400BadRequest, IssueType.Invalid, name,
            $"'{value}' er ikke en gyldig dato; brug fx ge2026-03-01."));
}
