using CaseHub.Core.Indicators;
using CaseHub.Web.Cli;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Indicators;

/// <summary>The command-line verbs, run in-process against the app's services and database.</summary>
public sealed class IndicatorCliTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("casehub-cli").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(CaseHubFactory app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Import_compute_and_export_from_the_command_line()
    {
        Assert.Equal(0, (await RunAsync(factory, "import", "population", File("pop.csv", WebDataset.Population()))).Code);
        var register = await RunAsync(factory, "import", "register", File("reg.csv", WebDataset.Register()));
        Assert.Equal(0, register.Code);
        Assert.Contains("39 rækker importeret", register.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(factory, "import", "admissions", File("adm.csv", WebDataset.Admissions))).Code);

        var compute = await RunAsync(factory, "indicators", "compute");
        Assert.Equal(0, compute.Code);
        Assert.Contains("2021, 2022, 2023, 2024", compute.Output, StringComparison.Ordinal);

        var exact = Path.Combine(directory, "exact.csv");
        Assert.Equal(0, (await RunAsync(factory, "indicators", "export", exact)).Code);
        var published = Path.Combine(directory, "published.csv");
        Assert.Equal(0, (await RunAsync(factory, "indicators", "export", published, "--published")).Code);

        var exactLines = await System.IO.File.ReadAllLinesAsync(exact);
        Assert.Equal(IndicatorExport.Header, exactLines[0]);
        Assert.Contains("coercion-target-episodes;2024;nation;DK;Hele landet;children;2;20000;10;0;;true", exactLines);
        Assert.Contains("coercion-target-episodes;2024;nation;DK;Hele landet;children;-1;20000;-1;0;-1;true", await System.IO.File.ReadAllLinesAsync(published));
        Assert.Equal(await factory.WithDbAsync(db => db.IndicatorResults.CountAsync()) + 1, exactLines.Length);
    }

    [Fact]
    public async Task A_bad_file_exits_non_zero_with_every_bad_row()
    {
        var result = await RunAsync(factory, "import", "register", File("bad.csv", WebDataset.BadRegister));
        Assert.Equal(1, result.Code);
        Assert.Contains("Linje 3: municipality_code '85'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Linje 4: type 'tvang' er ukendt", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import", "people", "x.csv")]
    [InlineData("indicators", "recompute")]
    [InlineData("import", "population")]
    public async Task Unknown_verbs_exit_with_usage(params string[] args)
    {
        var result = await RunAsync(factory, args);
        Assert.Equal(2, result.Code);
        Assert.Contains("Brug:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_non_zero()
    {
        var result = await RunAsync(factory, "import", "population", Path.Combine(directory, "findes-ikke.csv"));
        Assert.Equal(1, result.Code);
        Assert.Contains("findes ikke", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_without_a_2nd_quarter_population_exits_non_zero_with_the_reason()
    {
        using var empty = new CaseHubFactory();
        Assert.Equal(0, (await RunAsync(empty, "import", "population", File("q1.csv", WebDataset.Population(withSecondQuarter: false)))).Code);
        Assert.Equal(0, (await RunAsync(empty, "import", "register", File("reg.csv", WebDataset.Register()))).Code);
        var result = await RunAsync(empty, "indicators", "compute");
        Assert.Equal(1, result.Code);
        Assert.Contains("Befolkningstallet for 2. kvartal mangler for 2021, 2022, 2023, 2024", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_verbs_are_commands()
    {
        Assert.True(CommandLine.IsCommand(["import", "population", "a.csv"]));
        Assert.True(CommandLine.IsCommand(["indicators", "compute"]));
        Assert.False(CommandLine.IsCommand([]));
        Assert.False(CommandLine.IsCommand(["--urls", "http://localhost:5000"]));
    }
}
