using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CaseHub.Benchmarks.Harness;

/// <summary>
/// The real app as its own process on a loopback port, on an existing database folder, started as `dotnet CaseHub.Web.dll`
/// would be. Development environment for the demo sign-in tokens; logging at warning so the console does not dominate.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly CancellationTokenSource sampling = new();
    private readonly Task sampler;

    private AppProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        sampler = Task.Run(SampleAsync);
    }

    public string BaseUrl { get; }

    /// <summary>The largest working set seen (the kernel's high-water mark), in bytes.</summary>
    public long PeakWorkingSet { get; private set; }

    /// <summary>
    /// CPU time the app process has used so far, all threads. Per request, it does not depend on how busy the rest
    /// of the machine is, unlike the latencies.
    /// </summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>From process start to the first page served (the sign-in page, which reads the database).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Starts the app on the database folder; <paramref name="settings"/> are extra configuration (environment variables, e.g. CaseHub__Limits__...).</summary>
    public static async Task<AppProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var web = Path.Combine(Paths.RepositoryRoot, "src", "CaseHub.Web");
        var dll = Path.Combine(web, "bin", Paths.Configuration, "net10.0", "CaseHub.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing; build the solution in {Paths.Configuration} first.");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["CaseHub__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                Console.Error.WriteLine("  app: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, $"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                if ((await http.GetAsync(app.BaseUrl + "/Account/SignIn")).IsSuccessStatusCode)
                {
                    app.StartupTime = watch.Elapsed;
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app stopped with exit code {process.ExitCode}");
            }

            await Task.Delay(20);
        }

        await app.DisposeAsync();
        throw new InvalidOperationException("The app served no page within three minutes");
    }

    private async Task SampleAsync()
    {
        while (!sampling.IsCancellationRequested)
        {
            try
            {
                process.Refresh();
                PeakWorkingSet = Math.Max(PeakWorkingSet, Math.Max(process.WorkingSet64, process.PeakWorkingSet64));
                await Task.Delay(100, sampling.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                return;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await sampling.CancelAsync();
        await sampler;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        sampling.Dispose();
    }
}
