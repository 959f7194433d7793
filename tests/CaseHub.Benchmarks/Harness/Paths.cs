using System.Diagnostics;

namespace CaseHub.Benchmarks.Harness;

/// <summary>Where the repository, the build output and the generated databases are.</summary>
internal static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration this tool was built in, which the app is started in too.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>One database folder per scale and seed, outside the repository, reused between benchmark runs.</summary>
    public static string DataDirectory(double scale, int seed) =>
        Path.Combine(Path.GetTempPath(), "casehub-bench", FormattableString.Invariant($"scale-{scale}-seed-{seed}"));

    public static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CaseHub.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CaseHub.sln not found above the tool");
    }
}
