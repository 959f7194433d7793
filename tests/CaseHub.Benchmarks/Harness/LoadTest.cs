using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace CaseHub.Benchmarks.Harness;

/// <summary>One page kind measured under load, with its target.</summary>
internal sealed record PageResult(string Page, int Requests, int Errors, double P50, double P95, double Max, double TargetP95);

/// <summary>A measured load run: the pages, and the app's CPU time per request over all pages.</summary>
internal sealed record LoadRun(IReadOnlyList<PageResult> Pages, double AppCpuMsPerRequest);

/// <summary>
/// Concurrent users against the real app process on loopback: ward contact persons open Mine patienter and the case
/// pages of their current patients; caseworkers open Indbakke and the case pages of citizens with documents sent to them.
/// Every request is a full page render through the access guard, so every case and list read is audited, as in production.
/// </summary>
internal static class LoadTest
{
    private static readonly string[] Users = ["kontakt.s4", "kontakt.s3", "sag.aalborg", "sag.hjoerring"];

    private sealed record Target(string Page, string Url, string User);

    public static async Task<LoadRun> RunAsync(AppProcess app, string databaseFile, int users, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = users * 2, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in Users)
        {
            var response = await http.PostAsJsonAsync("/dev/token", new { username = user });
            response.EnsureSuccessStatusCode();
            tokens[user] = (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["access_token"].ToString()!;
        }

        var targets = await TargetsAsync(http, tokens, databaseFile);

        // Warm-up: the same load for a while, unmeasured, so start-up JIT, tiered re-compilation (which takes seconds of
        // traffic to settle and doubled the CPU per case page while it ran) and first-query compilation are not counted.
        await DriveAsync(http, targets, tokens, users, Warmup, record: null);

        var samples = targets.Select(t => t.Page).Distinct().ToDictionary(p => p, _ => new List<double>());
        var errors = samples.Keys.ToDictionary(p => p, _ => 0);
        var gate = new object();
        var cpuBefore = app.CpuTime;
        await DriveAsync(http, targets, tokens, users, duration, (page, ms, ok) =>
        {
            lock (gate)
            {
                samples[page].Add(ms);
                if (!ok)
                {
                    errors[page]++;
                }
            }
        });

        var cpu = (app.CpuTime - cpuBefore).TotalMilliseconds;
        var pages = samples.Select(s =>
        {
            var sorted = s.Value.Order().ToArray();
            double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            return new PageResult(s.Key, sorted.Length, errors[s.Key], Percentile(0.5), Percentile(0.95), sorted.LastOrDefault(), s.Key == "Sagsside" ? 50 : 100);
        }).OrderBy(r => r.Page, StringComparer.Ordinal).ToList();
        return new LoadRun(pages, cpu / Math.Max(1, pages.Sum(r => r.Requests)));
    }

    /// <summary>Unmeasured load before the measured run.</summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(15);

    /// <summary><paramref name="users"/> workers, each requesting a random page kind and a random target within it.</summary>
    private static async Task DriveAsync(
        HttpClient http, List<Target> targets, Dictionary<string, string> tokens, int users, TimeSpan duration, Action<string, double, bool>? record)
    {
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, users).Select(worker => Task.Run(async () =>
        {
            // Each page kind equally often (a user between two case pages also opens a list), a random target within it.
            var random = new Random(worker);
            var kinds = targets.GroupBy(t => t.Page).Select(g => g.ToList()).ToList();
            while (stop.Elapsed < duration)
            {
                var kind = kinds[random.Next(kinds.Count)];
                var target = kind[random.Next(kind.Count)];
                var watch = Stopwatch.StartNew();
                var ok = await SendAsync(http, target, tokens);
                record?.Invoke(target.Page, watch.Elapsed.TotalMilliseconds, ok);
            }
        })).ToList();
        await Task.WhenAll(workers);
    }

    private static async Task<bool> SendAsync(HttpClient http, Target target, Dictionary<string, string> tokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[target.User]);
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && body.Contains("<h1", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The pages and the patients each demo user may open, read from the generated database.</summary>
    private static async Task<List<Target>> TargetsAsync(HttpClient http, Dictionary<string, string> tokens, string databaseFile)
    {
        var targets = new List<Target>();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();

        async Task<List<string>> IdsAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var ids = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }

        foreach (var (user, wardCode) in new[] { ("kontakt.s4", "6121000016002"), ("kontakt.s3", "6121000016001") })
        {
            targets.Add(new("Mine patienter", "/Patients", user));
            foreach (var id in await IdsAsync($"""
                SELECT a.PatientId FROM Admissions a JOIN Organizations o ON o.Id = a.WardId
                WHERE o.Code = '{wardCode}' AND o.Kind = 'HospitalWard' AND a."End" IS NULL LIMIT 100
                """))
            {
                targets.Add(new("Sagsside", $"/Patients/Case/{id}", user));
            }
        }

        foreach (var (user, code) in new[] { ("sag.aalborg", "0851"), ("sag.hjoerring", "0860") })
        {
            targets.Add(new("Indbakke", "/Agreements/Inbox", user));
            targets.Add(new("Mine patienter", "/Patients", user));
            foreach (var id in await IdsAsync($"""
                SELECT DISTINCT d.PatientId FROM CareDocuments d JOIN Organizations o ON o.Id = d.ReceivingMunicipalityId
                WHERE o.Code = '{code}' AND o.Kind = 'Municipality' AND d.Status IN ('Sent', 'Accepted', 'Active') LIMIT 100
                """))
            {
                targets.Add(new("Sagsside", $"/Patients/Case/{id}", user));
            }
        }

        // Only pages the user may see: a 403 would measure the refusal, not the page.
        var allowed = new List<Target>();
        foreach (var target in targets)
        {
            if (await SendAsync(http, target, tokens))
            {
                allowed.Add(target);
            }
        }

        Console.WriteLine($"  load targets: {allowed.Count} of {targets.Count} pages open to their users " +
            string.Join(", ", allowed.GroupBy(t => t.Page).Select(g => $"{g.Key} {g.Count()}")));
        return allowed;
    }
}
