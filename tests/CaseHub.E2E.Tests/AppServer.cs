using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CaseHub.E2E.Tests;

/// <summary>
/// The real app, started as its own process on a free loopback port with a fresh SQLite database and demo data,
/// exactly as `dotnet run` would start it.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output;

    private AppServer(Process process, string dataDirectory, string baseUrl, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.output = output;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The server the journeys run against, so a failing step can show what the app logged meanwhile.</summary>
    public static AppServer? Running { get; private set; }

    /// <summary>The app's last log lines (its console output), for a failure message.</summary>
    public string RecentOutput(int lines = 60) => string.Join('\n', output.TakeLast(lines));

    public static async Task<AppServer> StartAsync()
    {
        var root = RepositoryRoot();
        var webProject = Path.Combine(root, "src", "CaseHub.Web");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var dll = Path.Combine(webProject, "bin", configuration, "net10.0", "CaseHub.Web.dll");
        var port = FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "casehub-e2e", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["CaseHub__DataDirectory"] = dataDirectory;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AppServer(process, dataDirectory, $"http://127.0.0.1:{port}", output);
        using var http = new HttpClient();
        // Ready when it serves the sign-in page; a cold start on a busy 2-core machine (tests run in parallel) can take
        // a while, so wait up to two minutes.
        for (var attempt = 0; attempt < 480 && !process.HasExited; attempt++)
        {
            try
            {
                if ((await http.GetAsync(server.BaseUrl + "/Account/SignIn")).IsSuccessStatusCode)
                {
                    Running = server;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("The app did not start within two minutes:\n" + server.RecentOutput(40));
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CaseHub.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CaseHub.sln not found above the test output");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (Running == this)
        {
            Running = null;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; it is under the temp folder.
        }
    }
}
