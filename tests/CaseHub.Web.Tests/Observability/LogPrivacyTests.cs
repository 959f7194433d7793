using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CaseHub.Core.Data;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CaseHub.Web.Tests.Observability;

/// <summary>The app with every log line it writes (Debug and up) kept for inspection.</summary>
public sealed class LogCapturingFactory : CaseHubFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Database.Command", "Hangfire" })
        {
            builder.UseSetting($"Logging:LogLevel:{category}", "Debug");
        }

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(new CapturingProvider(Lines));
        });
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

public partial class LogPrivacyTests(LogCapturingFactory factory) : IClassFixture<LogCapturingFactory>
{
    [Fact]
    public async Task Logs_from_a_working_day_contain_no_CPR_numbers_and_no_names()
    {
        var patients = await factory.WithDbAsync(db => db.Patients.Select(p => new { p.Id, p.Cpr, p.GivenName, p.FamilyName }).ToListAsync());

        // A day's traffic: lists, case pages, refused access, bad input, a new admission, the API.
        var ward = factory.ClientFor("kontakt.s4");
        await ward.GetAsync("/Patients");
        foreach (var p in patients)
        {
            await ward.GetAsync($"/Patients/Case/{p.Id}");
            await factory.ClientFor("sag.aalborg").GetAsync($"/Patients/Case/{p.Id}");
        }

        await ward.SubmitFormAsync("/Patients", new Dictionary<string, string?> { ["q"] = "Kristensen" }, "form.search");
        await ward.SubmitFormAsync("/Patients/Admit", new Dictionary<string, string?> { ["Input.Cpr"] = "311385-1234", ["Input.GivenName"] = "Hemmelig" });
        await ward.SubmitFormAsync("/Patients/Admit", new Dictionary<string, string?>
        {
            ["Input.Cpr"] = "150590-4321", ["Input.GivenName"] = "Hemmelig", ["Input.FamilyName"] = "Navnesen",
            ["Input.MunicipalityCode"] = "0851", ["Input.AdmittedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        await factory.CreateClient().GetAsync("/fhir/Patient?identifier=urn:oid:1.2.208.176.1.2|1203851236");

        var log = string.Join('\n', factory.Lines);
        Assert.True(factory.Lines.Count > 20, "the app logged almost nothing; the test would prove nothing");
        var secrets = patients.SelectMany(p => new[] { p.Cpr, $"{p.Cpr[..6]}-{p.Cpr[6..]}", p.FamilyName })
            .Concat(["1505904321", "150590-4321", "311385-1234", "Navnesen", "Hemmelig"]);
        var leaked = factory.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).Take(3).ToList();
        Assert.True(leaked.Count == 0, "personal data in the log: " + string.Join("\n", leaked));
        Assert.False(CprLike().IsMatch(log), "a CPR-like number was logged: " + CprLike().Match(log).Value);
    }

    [GeneratedRegex(@"(?<![\d.:-])[0-3]\d[01]\d\d\d-?\d{4}(?![\d.:-])")]
    private static partial Regex CprLike();
}
