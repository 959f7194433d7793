using System.Globalization;
using System.Net;
using CaseHub.Core.Data;
using CaseHub.Core.Exchange;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Web.Tests.Agreements;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CaseHub.Web.Tests.Exchange;

/// <summary>
/// A region's CaseHub and a municipality's CaseHub in one process: two hosts, two SQLite files, one fake clock, and
/// a switchboard between them that can take a receiver down, make it answer 500 or hang.
/// </summary>
public sealed class ExchangePair : IAsyncLifetime
{
    public const string RegionCode = ReferenceData.Codes.RegionNordjylland;
    public const string MunicipalityCode = ReferenceData.Codes.Aalborg;
    public const string RegionHost = "region.test";
    public const string MunicipalityHost = "aalborg.test";
    public const string RegionToMunicipality = "region-til-aalborg-hemmelighed";
    public const string MunicipalityToRegion = "aalborg-til-region-hemmelighed";
    public const string HjoerringToMunicipality = "hjoerring-hemmelighed";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Switchboard Board { get; } = new();

    public ExchangeHost Region { get; }

    public ExchangeHost Municipality { get; }

    public ExchangePair()
    {
        Region = NewRegion(NewDirectory());
        Municipality = new ExchangeHost(NewDirectory(), Clock, Board, new Dictionary<string, string?>
        {
            [$"CaseHub:Exchange:Endpoints:{RegionCode}:BaseUrl"] = $"http://{RegionHost}/fhir",
            [$"CaseHub:Exchange:Endpoints:{RegionCode}:Token"] = MunicipalityToRegion,
            [$"CaseHub:Exchange:Endpoints:{RegionCode}:InboundToken"] = RegionToMunicipality,

            // A counterpart known to the municipality that is party to none of these documents.
            [$"CaseHub:Exchange:Endpoints:{ReferenceData.Codes.Hjoerring}:InboundToken"] = HjoerringToMunicipality,
        });
    }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "casehub-tests", "exchange-" + Guid.NewGuid().ToString("N"));

    /// <summary>A region host on the given data directory (a second one on the same directory is a restart).</summary>
    public ExchangeHost NewRegion(string directory) => new(directory, Clock, Board, new Dictionary<string, string?>
    {
        [$"CaseHub:Exchange:Endpoints:{MunicipalityCode}:BaseUrl"] = $"http://{MunicipalityHost}/fhir",
        [$"CaseHub:Exchange:Endpoints:{MunicipalityCode}:Token"] = RegionToMunicipality,
        [$"CaseHub:Exchange:Endpoints:{MunicipalityCode}:InboundToken"] = MunicipalityToRegion,
    });

    public ValueTask InitializeAsync()
    {
        Board.Connect(RegionHost, Region.Server.CreateHandler());
        Board.Connect(MunicipalityHost, Municipality.Server.CreateHandler());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Region.DisposeAsync();
        await Municipality.DisposeAsync();
    }

    /// <summary>A new patient admitted to S4 in the region, and known (same CPR) to the municipality unless told otherwise.</summary>
    public async Task<(Guid AdmissionId, string Cpr, string Name)> PatientAsync(ExchangeHost? region = null, bool knownToMunicipality = true)
    {
        region ??= Region;
        var (patientId, admissionId, name) = await AgreementKit.AdmitAsync(region);
        var patient = await region.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId));
        if (knownToMunicipality)
        {
            await AddToMunicipalityAsync(patient.Cpr, patient.GivenName, patient.FamilyName);
        }

        return (admissionId, patient.Cpr, name);
    }

    public Task AddToMunicipalityAsync(string cpr, string given, string family) => Municipality.WithDbAsync(async db =>
    {
        var aalborg = await db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.Municipality && o.Code == MunicipalityCode);
        var now = Clock.GetUtcNow().UtcDateTime;
        db.Patients.Add(new Patient
        {
            Cpr = cpr, GivenName = given, FamilyName = family, BirthDate = CprNumber.Parse(cpr).BirthDate,
            MunicipalityId = aalborg.Id, CreatedAt = now, UpdatedAt = now,
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>A complete udskrivningsaftale made and sent by the ward in the region.</summary>
    public async Task<Guid> SentDocumentAsync(ExchangeHost? region = null, bool knownToMunicipality = true)
    {
        region ??= Region;
        var (admissionId, _, _) = await PatientAsync(region, knownToMunicipality);
        return await AgreementKit.DocumentAsync(region, admissionId, Core.Agreements.DocumentStatus.Sent);
    }

    public static async Task<int> DeliverAsync(ExchangeHost host, CancellationToken ct = default)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<DeliverOutbox>().RunAsync(ct);
    }

    public static Task<List<OutboxMessage>> OutboxAsync(ExchangeHost host, Guid documentId) =>
        host.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.DocumentId == documentId).OrderBy(m => m.DocumentVersion).ToListAsync());

    public static Task<Core.Agreements.CareDocument?> DocumentAsync(ExchangeHost host, Guid documentId) =>
        host.WithDbAsync(db => db.CareDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId));
}

/// <summary>One CaseHub of the pair: its own data directory (kept across a restart), the shared clock and switchboard, no Hangfire server.</summary>
public sealed class ExchangeHost(string directory, FakeTimeProvider clock, Switchboard board, IReadOnlyDictionary<string, string?> settings) : CaseHubFactory
{
    /// <summary>Makes a save of this host's database throw while it returns true (a fault between two steps).</summary>
    public SaveFault Fault { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("CaseHub:DataDirectory", directory);

        // No Hangfire server: the tests call DeliverOutbox themselves, so they decide when a delivery happens.
        builder.UseSetting("CaseHub:Jobs:RunServer", "false");

        // The code's retry policy, not the demo's short one from appsettings.Development.json (tests run in Development).
        var defaults = new ExchangeSettings();
        builder.UseSetting("CaseHub:Exchange:MaxAttempts", defaults.MaxAttempts.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("CaseHub:Exchange:FirstRetryDelaySeconds", defaults.FirstRetryDelaySeconds.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddHttpClient<ExchangeClient>().ConfigurePrimaryHttpMessageHandler(() => board);
            services.ConfigureDbContext<CaseHubDbContext>((_, options) => options.AddInterceptors(Fault));
        });
    }
}

/// <summary>
/// Routes the exchange's HTTP requests to the test host named in the URL, and plays the faults: a receiver that is
/// down (connection refused), answers 500 for some messages, or hangs until the caller gives up.
/// </summary>
public sealed class Switchboard : HttpMessageHandler
{
    private readonly Dictionary<string, HttpMessageInvoker> hosts = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Down { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answers this status instead of the receiver for messages whose idempotency key matches.</summary>
    public Func<string, HttpStatusCode?>? Fault { get; set; }

    /// <summary>Hangs (until cancelled) on messages whose idempotency key matches, after signalling <see cref="Hung"/>.</summary>
    public Func<string, bool>? Hang { get; set; }

    public TaskCompletionSource Hung { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every answered message: host, idempotency key, status.</summary>
    public List<(string Host, string Key, HttpStatusCode Status)> Log { get; } = [];

    public void Connect(string host, HttpMessageHandler handler) => hosts[host] = new HttpMessageInvoker(handler);

    public void Reset()
    {
        Down.Clear();
        Fault = null;
        Hang = null;
        Hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri!.Host;
        var key = request.Headers.TryGetValues(ExchangeClient.IdempotencyHeader, out var values) ? values.First() : string.Empty;
        if (Down.Contains(host))
        {
            throw new HttpRequestException($"Connection refused ({host})");
        }

        if (Hang?.Invoke(key) == true)
        {
            Hung.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var response = Fault?.Invoke(key) is { } status
            ? new HttpResponseMessage(status) { Content = new StringContent("Midlertidig fejl hos modtageren") }
            : await hosts[host].SendAsync(request, cancellationToken);
        lock (Log)
        {
            Log.Add((host, key, response.StatusCode));
        }

        return response;
    }

    // IHttpClientFactory disposes expired handler chains; this one lives as long as the pair.
    protected override void Dispose(bool disposing)
    {
    }
}

/// <summary>
/// A save interceptor that throws while <see cref="When"/> says so: a host that stops between two steps, played on the
/// pair's own hosts.
/// </summary>
public sealed class SaveFault : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    public const string Message = "Forced failure of a save (test)";

    public Func<DbContext, bool>? When { get; set; }

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (When is { } when && eventData.Context is { } context)
        {
            context.ChangeTracker.DetectChanges();
            if (when(context))
            {
                throw new InvalidOperationException(Message);
            }
        }

        return ValueTask.FromResult(result);
    }
}
