using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CaseHub.Benchmarks.Harness;

/// <summary>One FHIR operation measured on its own: throughput, latencies and the app's CPU per request.</summary>
internal sealed record FhirResult(string Operation, int Requests, int Errors, double Seconds, double P50, double P99, double Max, double AppCpuMsPerRequest)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>A measured FHIR run: one result per operation, and how many plans a patient search returned on average.</summary>
internal sealed record FhirRun(IReadOnlyList<FhirResult> Operations, double PlansPerSearch, int ReadTargets, int SearchTargets);

/// <summary>
/// The FHIR API of the real app process on loopback, as an outside client with bearer tokens uses it, with the access
/// guard and audit on as always: read of a CarePlan by id, the patient search for active plans with their care team,
/// create of a Patient and a transaction Bundle of 20 Patients. After a warm-up of all four together, each operation runs
/// alone for the whole period, so its requests per second are its own and not a share of a mix.
/// </summary>
internal static class FhirLoadTest
{
    public const string Read = "Read CarePlan by id";
    public const string Search = "Search CarePlan?patient&status=active&_include";
    public const string Create = "Create Patient";
    public const string Transaction = "Transaction of 20 Patients";

    /// <summary>Entries per transaction Bundle, as in the issue.</summary>
    public const int EntriesPerTransaction = 20;

    private const string FhirJson = "application/fhir+json";

    // Ward contact persons read the documents of their ward; caseworkers those sent to their municipality, and they are the
    // ones who create citizens (a ward registers patients by admitting them, which needs more than a valid resource).
    private static readonly (string User, string WardCode)[] Wards = [("kontakt.s4", "6121000016002"), ("kontakt.s3", "6121000016001")];
    private static readonly (string User, string MunicipalityCode)[] Caseworkers = [("sag.aalborg", "0851"), ("sag.hjoerring", "0860")];

    private sealed record Target(string User, string Url);

    public static async Task<FhirRun> RunAsync(AppProcess app, string databaseFile, int connections, TimeSpan period)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson));
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in Wards.Select(w => w.User).Concat(Caseworkers.Select(c => c.User)))
        {
            var response = await http.PostAsJsonAsync("/dev/token", new { username = user });
            response.EnsureSuccessStatusCode();
            tokens[user] = (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["access_token"].ToString()!;
        }

        var (reads, searches, plansPerSearch) = await TargetsAsync(http, tokens, databaseFile);
        if (reads.Count == 0 || searches.Count == 0)
        {
            throw new InvalidOperationException("No CarePlan the demo users may read in this database");
        }

        var cprs = new CprSource(await ExistingCprsAsync(databaseFile));
        var operations = new Dictionary<string, Func<Random, Task<(bool Ok, string? Failure)>>>(StringComparer.Ordinal)
        {
            [Read] = random => GetAsync(http, tokens, reads[random.Next(reads.Count)]),
            [Search] = random => GetAsync(http, tokens, searches[random.Next(searches.Count)]),
            [Create] = random =>
            {
                var (user, municipality) = Caseworkers[random.Next(Caseworkers.Length)];
                return PostAsync(http, tokens[user], "/fhir/Patient", PatientJson(cprs.Next(), municipality, random), HttpStatusCode.Created);
            },
            [Transaction] = random =>
            {
                var (user, municipality) = Caseworkers[random.Next(Caseworkers.Length)];
                return PostAsync(http, tokens[user], "/fhir", TransactionJson(cprs, municipality, random), HttpStatusCode.OK);
            },
        };

        // Warm-up: all four operations mixed, unmeasured (JIT, tiered re-compilation, EF query compilation, the FHIR
        // serializers' and validator's first use), as LoadTest does for the pages.
        var ops = operations.Values.ToList();
        await DriveAsync(connections, LoadTest.Warmup, random => ops[random.Next(ops.Count)](random), record: null);

        var results = new List<FhirResult>();
        foreach (var (name, operation) in operations)
        {
            var samples = new List<double>();
            var errors = 0;
            string? firstFailure = null;
            var gate = new object();
            var cpuBefore = app.CpuTime;
            var clock = Stopwatch.StartNew();
            await DriveAsync(connections, period, operation, (ms, ok, failure) =>
            {
                lock (gate)
                {
                    samples.Add(ms);
                    if (!ok)
                    {
                        errors++;
                        firstFailure ??= failure;
                    }
                }
            });
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (app.CpuTime - cpuBefore).TotalMilliseconds;
            if (firstFailure is not null)
            {
                Console.WriteLine($"  {name}: first failure: {firstFailure}");
            }

            var sorted = samples.Order().ToArray();
            double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            results.Add(new FhirResult(name, sorted.Length, errors, elapsed, Percentile(0.5), Percentile(0.99), sorted.LastOrDefault(), cpu / Math.Max(1, sorted.Length)));
        }

        return new FhirRun(results, plansPerSearch, reads.Count, searches.Count);
    }

    /// <summary><paramref name="connections"/> workers, each sending one request after the other for the period.</summary>
    private static async Task DriveAsync(
        int connections, TimeSpan duration, Func<Random, Task<(bool Ok, string? Failure)>> operation, Action<double, bool, string?>? record)
    {
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (stop.Elapsed < duration)
            {
                var watch = Stopwatch.StartNew();
                var (ok, failure) = await operation(random);
                record?.Invoke(watch.Elapsed.TotalMilliseconds, ok, failure);
            }
        })).ToList();
        await Task.WhenAll(workers);
    }

    private static async Task<(bool Ok, string? Failure)> GetAsync(HttpClient http, Dictionary<string, string> tokens, Target target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[target.User]);
        return await SendAsync(http, request, HttpStatusCode.OK);
    }

    private static async Task<(bool Ok, string? Failure)> PostAsync(HttpClient http, string token, string url, string json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson);
        return await SendAsync(http, request, expected);
    }

    private static async Task<(bool Ok, string? Failure)> SendAsync(HttpClient http, HttpRequestMessage request, HttpStatusCode expected)
    {
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == expected
                ? (true, null)
                : (false, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 600)]}");
        }
        catch (HttpRequestException e)
        {
            return (false, $"{request.Method} {request.RequestUri}: {e.Message}");
        }
    }

    /// <summary>
    /// The CarePlans each demo user may read and the patients whose plans they may search, from the database, kept only
    /// when the API answers 200 (a 403 would measure the refusal). Also the average number of plans a search matches.
    /// </summary>
    private static async Task<(List<Target> Reads, List<Target> Searches, double PlansPerSearch)> TargetsAsync(
        HttpClient http, Dictionary<string, string> tokens, string databaseFile)
    {
        var candidates = new List<(string User, string DocumentId, string PatientId)>();
        await using (var connection = new SqliteConnection(ReadOnly(databaseFile)))
        {
            await connection.OpenAsync();
            async Task AddAsync(string user, string sql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    candidates.Add((user, reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (user, wardCode) in Wards)
            {
                await AddAsync(user, $"""
                    SELECT d.Id, d.PatientId FROM CareDocuments d JOIN Organizations o ON o.Id = d.AuthoringWardId
                    WHERE o.Code = '{wardCode}' AND o.Kind = 'HospitalWard' ORDER BY d.Id LIMIT 200
                    """);
            }

            foreach (var (user, code) in Caseworkers)
            {
                await AddAsync(user, $"""
                    SELECT d.Id, d.PatientId FROM CareDocuments d JOIN Organizations o ON o.Id = d.ReceivingMunicipalityId
                    WHERE o.Code = '{code}' AND o.Kind = 'Municipality' ORDER BY d.Id LIMIT 200
                    """);
            }
        }

        var reads = new List<Target>();
        foreach (var (user, documentId, _) in candidates)
        {
            var target = new Target(user, $"/fhir/CarePlan/{documentId}");
            if ((await GetAsync(http, tokens, target)).Ok)
            {
                reads.Add(target);
            }
        }

        // Patients with a plan the user may read, searched for their plan in force (status=active) with its care team. A client
        // asks that for patients it knows to have one, so those with an active plan are used when there are any: a search
        // that matches nothing skips the include, the serialization and the audit row it would write.
        var searches = new List<(Target Target, int Matches)>();
        foreach (var (user, patientId) in candidates.Where(c => reads.Contains(new Target(c.User, $"/fhir/CarePlan/{c.DocumentId}")))
            .Select(c => (c.User, c.PatientId)).Distinct())
        {
            var target = new Target(user, $"/fhir/CarePlan?patient={patientId}&status=active&_include=CarePlan:care-team");
            using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[user]);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                searches.Add((target, bundle.RootElement.TryGetProperty("total", out var total) ? total.GetInt32() : 0));
            }
        }

        var used = searches.Any(s => s.Matches > 0) ? searches.Where(s => s.Matches > 0).ToList() : searches;
        Console.WriteLine($"  FHIR targets: {reads.Count} of {candidates.Count} CarePlans readable by their users; {searches.Count} patients searchable, " +
            $"{used.Count} of them with an active plan ({used.Sum(s => s.Matches)} plans)");
        return (reads, used.Select(s => s.Target).ToList(), used.Count == 0 ? 0 : used.Average(s => s.Matches));
    }

    private static string ReadOnly(string databaseFile) =>
        new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    private static async Task<HashSet<string>> ExistingCprsAsync(string databaseFile)
    {
        var cprs = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection(ReadOnly(databaseFile));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Cpr FROM Patients";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            cprs.Add(reader.GetString(0));
        }

        return cprs;
    }

    private static string TransactionJson(CprSource cprs, string municipality, Random random)
    {
        var entries = Enumerable.Range(0, EntriesPerTransaction).Select(_ =>
            $$$"""{"fullUrl":"urn:uuid:{{{Guid.NewGuid()}}}","resource":{{{PatientJson(cprs.Next(), municipality, random)}}},"request":{"method":"POST","url":"Patient"}}""");
        return $$$"""{"resourceType":"Bundle","type":"transaction","entry":[{{{string.Join(',', entries)}}}]}""";
    }

    private static readonly string[] Given = ["Anna", "Bo", "Carl", "Dorthe", "Emil", "Freja", "Gustav", "Hanne", "Ida", "Jens"];
    private static readonly string[] Family = ["Holm", "Jensen", "Nielsen", "Hansen", "Pedersen", "Larsen", "Sørensen", "Rasmussen"];

    /// <summary>A Patient as a municipality's system sends it (the shape of FhirSamples.Patient in the web tests).</summary>
    private static string PatientJson(Cpr cpr, string municipality, Random random) => $$$"""
        {"resourceType":"Patient","meta":{"profile":["https://casehub.dk/fhir/StructureDefinition/casehub-patient"]},
        "extension":[{"url":"https://casehub.dk/fhir/StructureDefinition/municipality-of-residence","valueCoding":{"system":"http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes","code":"{{{municipality}}}"}}],
        "identifier":[{"system":"urn:oid:1.2.208.176.1.2","value":"{{{cpr.Value}}}"}],
        "name":[{"family":"{{{Family[random.Next(Family.Length)]}}}","given":["{{{Given[random.Next(Given.Length)]}}}"]}],
        "birthDate":"{{{cpr.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}}",
        "telecom":[{"system":"phone","value":"11 22 33 44"}]}
        """;

    private readonly record struct Cpr(string Value, DateOnly BirthDate);

    /// <summary>
    /// Fresh, valid CPR numbers, each used once: born 1940-1999 (7th digit 0-3, so the century is the 1900s), modulus-11
    /// valid like the numbers issued before 2007, and none that the database already holds.
    /// </summary>
    private sealed class CprSource(HashSet<string> existing)
    {
        private static readonly int[] Weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
        private readonly IEnumerator<Cpr> numbers = All(existing).GetEnumerator();
        private readonly Lock gate = new();

        public Cpr Next()
        {
            lock (gate)
            {
                return numbers.MoveNext() ? numbers.Current : throw new InvalidOperationException("Out of CPR numbers");
            }
        }

        private static IEnumerable<Cpr> All(HashSet<string> existing)
        {
            // Serial first, then the day, so consecutive numbers spread over many birth dates.
            for (var serial = 0; serial < 4000; serial++)
            {
                for (var day = new DateOnly(1940, 1, 1); day.Year < 2000; day = day.AddDays(1))
                {
                    var value = day.ToString("ddMMyy", CultureInfo.InvariantCulture) + serial.ToString("0000", CultureInfo.InvariantCulture);
                    if (Modulus11(value) && !existing.Contains(value))
                    {
                        yield return new Cpr(value, day);
                    }
                }
            }
        }

        private static bool Modulus11(string value) => value.Select((c, i) => (c - '0') * Weights[i]).Sum() % 11 == 0;
    }
}
