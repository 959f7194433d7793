using CaseHub.Core.Data;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Fhir.Organizations;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Fhir;

/// <summary>Organization: the regions, municipalities and units; not patient data, so every staff user may read them.</summary>
public sealed class OrganizationHandler(CaseHubDbContext db, ResourceHistory history) : FhirResourceHandler
{
    public override FhirResourceDefinition Definition { get; } = new(
        "Organization",
        CaseHubUrls.OrganizationProfile,
        [
            new("_id", SearchParamType.Token, "The organization's logical id; several separated by commas."),
            new("identifier", SearchParamType.Token, "SOR code (urn:oid:1.2.208.176.1.1|...), municipality code (http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes|0851) or region (urn:iso:std:iso:3166:-2|DK-81)."),
        ]);

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var org = Guid.TryParse(id, out var orgId)
            ? await db.Organizations.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orgId, ct)
            : null;
        if (org is null)
        {
            return FhirResponse.NotFound("Organization", id);
        }

        var resource = OrganizationMapper.ToFhir(org);
        return FhirResponse.Ok(resource, await history.CurrentAsync(resource, null, ct: ct));
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var query = db.Organizations.AsNoTracking();
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(o => ids.Contains(o.Id));
                    break;
                case "identifier":
                    var (system, code) = Token(value);
                    var domainCode = system is null ? code : OrganizationMapper.CodeOf(system, code);
                    query = query.Where(o => o.Code == domainCode);
                    break;
            }
        }

        var total = await query.CountAsync(ct);
        var page = await query.Include(o => o.Parent).OrderBy(o => o.Name).ThenBy(o => o.Id).Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        var resources = new List<Resource>();
        foreach (var org in page)
        {
            var resource = OrganizationMapper.ToFhir(org);
            await history.CurrentAsync(resource, null, ct: ct);
            resources.Add(resource);
        }

        return new FhirSearchResult(null, total, resources);
    }
}

/// <summary>Practitioner: staff users as people; readable by every staff user.</summary>
public sealed class PractitionerHandler(CaseHubDbContext db, ResourceHistory history) : FhirResourceHandler
{
    public override FhirResourceDefinition Definition { get; } = new(
        "Practitioner",
        CaseHubUrls.PractitionerProfile,
        [
            new("_id", SearchParamType.Token, "The staff user's logical id; several separated by commas."),
            new("identifier", SearchParamType.Token, $"The user name: {CaseHubUrls.StaffUserSystem}|name."),
        ]);

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var user = Guid.TryParse(id, out var userId) ? await db.StaffUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) : null;
        if (user is null)
        {
            return FhirResponse.NotFound("Practitioner", id);
        }

        var resource = StaffMapper.ToPractitioner(user);
        return FhirResponse.Ok(resource, await history.CurrentAsync(resource, null, ct: ct));
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var query = db.StaffUsers.AsNoTracking();
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = Ids(value);
                    query = query.Where(u => ids.Contains(u.Id));
                    break;
                case "identifier":
                    var (system, username) = Token(value);
                    query = system is null or CaseHubUrls.StaffUserSystem ? query.Where(u => u.Username == username) : query.Where(u => false);
                    break;
            }
        }

        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(u => u.Name).ThenBy(u => u.Id).Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        var resources = new List<Resource>();
        foreach (var user in page)
        {
            var resource = StaffMapper.ToPractitioner(user);
            await history.CurrentAsync(resource, null, ct: ct);
            resources.Add(resource);
        }

        return new FhirSearchResult(null, total, resources);
    }
}

/// <summary>PractitionerRole: a staff user's roles, title and organization; readable by every staff user.</summary>
public sealed class PractitionerRoleHandler(CaseHubDbContext db, ResourceHistory history) : FhirResourceHandler
{
    public override FhirResourceDefinition Definition { get; } = new(
        "PractitionerRole",
        CaseHubUrls.PractitionerRoleProfile,
        [
            new("_id", SearchParamType.Token, "The staff user's logical id; several separated by commas."),
            new("practitioner", SearchParamType.Reference, "Practitioner/{id}."),
            new("organization", SearchParamType.Reference, "Organization/{id}."),
        ]);

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        var user = Guid.TryParse(id, out var userId)
            ? await db.StaffUsers.AsNoTracking().Include(u => u.Organization).FirstOrDefaultAsync(u => u.Id == userId, ct)
            : null;
        if (user is null)
        {
            return FhirResponse.NotFound("PractitionerRole", id);
        }

        var resource = StaffMapper.ToPractitionerRole(user);
        return FhirResponse.Ok(resource, await history.CurrentAsync(resource, null, ct: ct));
    }

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var query = db.StaffUsers.AsNoTracking();
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id" or "practitioner":
                    var ids = name == "_id" ? Ids(value) : [ReferenceId(value, "Practitioner")];
                    query = query.Where(u => ids.Contains(u.Id));
                    break;
                case "organization":
                    var orgId = ReferenceId(value, "Organization");
                    query = query.Where(u => u.OrganizationId == orgId);
                    break;
            }
        }

        var total = await query.CountAsync(ct);
        var page = await query.Include(u => u.Organization).OrderBy(u => u.Name).ThenBy(u => u.Id).Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        var resources = new List<Resource>();
        foreach (var user in page)
        {
            var resource = StaffMapper.ToPractitionerRole(user);
            await history.CurrentAsync(resource, null, ct: ct);
            resources.Add(resource);
        }

        return new FhirSearchResult(null, total, resources);
    }
}
