using CaseHub.Benchmarks.Generator;
using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Benchmarks;

/// <summary>The benchmark data generator at a tiny scale: every table filled, realistic shapes, and EF reads it back.</summary>
public class NationalDataGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    [Fact]
    public async Task A_tiny_national_database_has_realistic_shapes_and_the_app_model_reads_it()
    {
        var file = TempFile();
        var options = new GeneratorOptions(0.01, Seed: 7, Today);

        var report = await NationalData.GenerateAsync(file, options);

        await using var db = Open(file);
        Assert.Equal(options.Patients, report.Rows["Patients"]);
        Assert.Equal(report.Rows["Patients"], await db.Patients.CountAsync(p => p.CreatedAt < Today.ToDateTime(new TimeOnly(12, 0))));
        Assert.Equal(report.Rows["AuditEntries"], await db.AuditEntries.LongCountAsync());

        // Most patients are admitted once, a few very often.
        var perPatient = await db.Admissions.GroupBy(a => a.PatientId).Select(g => g.Count()).ToListAsync();
        Assert.InRange(perPatient.Count(c => c == 1) / (double)perPatient.Count, 0.45, 0.75);
        Assert.True(perPatient.Max() >= 9, $"the busiest patient has only {perPatient.Max()} admissions");
        var admissions = await db.Admissions.CountAsync();
        var compulsory = await db.Admissions.CountAsync(a => a.LegalBasis != LegalBasis.Voluntary);
        Assert.InRange(compulsory / (double)admissions, 0.12, 0.30);
        var current = await db.Admissions.CountAsync(a => a.End == null);
        Assert.InRange(current, 1, admissions / 20);

        // Documents in every state, of both kinds, with older versions superseded by a newer revision in the same series.
        var statuses = await db.CareDocuments.Select(d => d.Status).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<DocumentStatus>().Order(), statuses.Order());
        var kinds = await db.CareDocuments.GroupBy(d => d.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.InRange(kinds[DocumentKind.DischargeAgreement] / (double)(kinds[DocumentKind.DischargeAgreement] + kinds[DocumentKind.CoordinationPlan]), 0.6, 0.78);
        Assert.True(await db.CareDocuments.Where(d => d.Status == DocumentStatus.Superseded)
            .AllAsync(old => db.CareDocuments.Any(n => n.SeriesId == old.SeriesId && n.Revision == old.Revision + 1 && n.PreviousVersionId == old.Id)));
        Assert.True(await db.CareDocuments.AnyAsync(d => d.Revision == 3));

        // Stored as EF stores them (Guid text, enums as strings, UTC dates): a sent document loads with its relations.
        var sent = await db.CareDocuments.Include(d => d.Patient).Include(d => d.Admission).Include(d => d.Participants).Include(d => d.Events)
            .FirstAsync(d => d.Status == DocumentStatus.Sent);
        Assert.Equal(sent.Patient!.MunicipalityId, sent.ReceivingMunicipalityId);
        Assert.Null(sent.Admission!.End);
        Assert.True(sent.Admission.IsInTargetGroup);
        Assert.Contains(sent.Events, e => e.Kind == DocumentEvents.Sent && e.At.Kind == DateTimeKind.Utc);
        Assert.True(sent.Participants.Count >= 2);

        // The population table: ten years of quarters, 98 municipalities, ages 0-100, summing to the scaled nation.
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT Quarter), COUNT(DISTINCT MunicipalityCode), MAX(Age), SUM(Citizens) FROM Population WHERE Quarter = (SELECT MIN(Quarter) FROM Population)";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(98, reader.GetInt32(1));
        Assert.Equal(100, reader.GetInt32(2));
        Assert.InRange(reader.GetInt64(3), GeneratorOptions.NationalPopulation * 0.01 * 0.98, GeneratorOptions.NationalPopulation * 0.01 * 1.02);
        Assert.Equal(40 * 98 * 101, report.Rows["Population"]);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_database_and_another_seed_does_not()
    {
        static async Task<List<string>> CprsAsync(int seed)
        {
            var file = TempFile();
            await NationalData.GenerateAsync(file, new GeneratorOptions(0.001, seed, Today));
            await using var db = Open(file);
            return await db.CareDocuments.OrderBy(d => d.Patient!.Cpr).ThenBy(d => d.Revision)
                .Select(d => d.Patient!.Cpr + d.Status.ToString() + d.Revision).ToListAsync();
        }

        var first = await CprsAsync(11);
        Assert.Equal(first, await CprsAsync(11));
        Assert.NotEqual(first, await CprsAsync(12));
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), "casehub-generator-tests", Guid.NewGuid().ToString("N") + ".db");

    private static CaseHubDbContext Open(string file)
    {
        var options = new DbContextOptionsBuilder<CaseHubDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        return new CaseHubDbContext(options.Options);
    }
}
