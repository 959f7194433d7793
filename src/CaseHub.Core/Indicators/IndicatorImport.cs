using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Indicators;

/// <summary>The three files the national indicators are computed from.</summary>
public enum ImportKind
{
    Population,
    Register,
    Admissions,
}

/// <summary>A rejected row: its line number in the file (the header is line 1) and the Danish reason.</summary>
public sealed record ImportError(int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"Linje {Line}: {Message}" : Message;
}

/// <summary>What an import did: the rows stored, or every bad row (and then nothing was stored).</summary>
public sealed record ImportResult(ImportKind Kind, int Rows, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports population, register and admissions extracts (DOMAIN.md section 5). The file is streamed: rows are checked
/// one by one and written in batches inside one transaction, which is rolled back as soon as the file turns out to hold
/// a bad row, so an import is all or nothing while memory stays flat for national files. Rows whose id is already
/// stored replace the stored row.
/// </summary>
public sealed partial class IndicatorImport(CaseHubDbContext db)
{
    private const int BatchSize = 1000;

    public static readonly IReadOnlyDictionary<ImportKind, string[]> Columns = new Dictionary<ImportKind, string[]>
    {
        [ImportKind.Population] = ["year", "quarter", "municipality_code", "age", "count"],
        [ImportKind.Register] = ["measure_id", "person_key", "birth_date", "municipality_code", "region_code", "ward_sor", "type", "start", "end"],
        [ImportKind.Admissions] = ["admission_id", "person_key", "birth_date", "municipality_code", "region_code", "ward_sor", "start", "end", "legal_basis"],
    };

    public static string Danish(ImportKind kind) => kind switch
    {
        ImportKind.Population => "Befolkningstal",
        ImportKind.Register => "Registerudtræk (tvang, aftaler og planer)",
        _ => "Indlæggelsesudtræk",
    };

    public async Task<ImportResult> ImportAsync(ImportKind kind, Stream stream, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        string? header;
        try
        {
            header = await reader.ReadLineAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            return new ImportResult(kind, 0, [new ImportError(1, "Filen er ikke gemt som UTF-8.")]);
        }

        if (string.IsNullOrWhiteSpace(header))
        {
            return new ImportResult(kind, 0, [new ImportError(1, "Filen er tom; den skal have en overskriftslinje.")]);
        }

        // The header decides the delimiter: national extracts come with ';', other tools write ','.
        header = header.TrimStart('\uFEFF');
        var delimiter = header.Count(c => c == ';') >= header.Count(c => c == ',') ? ";" : ",";
        var names = header.Split(delimiter[0]).Select(n => n.Trim().ToLowerInvariant()).ToList();
        var missing = Columns[kind].Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new ImportResult(kind, 0, [new ImportError(1,
                $"Overskriften mangler kolonnen {string.Join(", ", missing.Select(m => $"'{m}'"))}. Forventet: {string.Join(delimiter, Columns[kind])}.")]);
        }

        var index = Columns[kind].ToDictionary(c => c, c => names.IndexOf(c));
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var writer = Writer(kind);
            await writer.PrepareAsync(db, ct);
            var rows = 0;
            using var csv = new CsvReader(reader, config);
            while (true)
            {
                bool more;
                try
                {
                    more = await csv.ReadAsync();
                }
                catch (DecoderFallbackException)
                {
                    errors.Add(new ImportError(0, "Filen er ikke gemt som UTF-8."));
                    break;
                }

                if (!more)
                {
                    break;
                }

                var line = csv.Parser.RawRow + 1;
                var record = csv.Parser.Record ?? [];
                if (record.Length < names.Count)
                {
                    errors.Add(new ImportError(line, $"Rækken har {record.Length} felter; der skal være {names.Count}."));
                    continue;
                }

                string Field(string name) => record[index[name]];
                var problems = new List<string>();
                writer.Parse(Field, problems, line);
                if (problems.Count > 0)
                {
                    errors.Add(new ImportError(line, string.Join(" ", problems)));
                }

                rows++;

                // Once a bad row is seen nothing more is written; the rest is only checked, to report every bad row.
                if (errors.Count == 0 && writer.Pending >= BatchSize)
                {
                    await writer.FlushAsync(db, ct);
                }
            }

            if (errors.Count == 0 && rows == 0)
            {
                errors.Add(new ImportError(2, "Filen indeholder ingen rækker under overskriften."));
            }

            if (errors.Count > 0)
            {
                await transaction.RollbackAsync(ct);
                return new ImportResult(kind, 0, errors);
            }

            await writer.FlushAsync(db, ct);
            await transaction.CommitAsync(ct);
            return new ImportResult(kind, rows, []);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static RowWriter Writer(ImportKind kind) => kind switch
    {
        ImportKind.Population => new PopulationWriter(),
        ImportKind.Register => new RegisterWriter(),
        _ => new AdmissionsWriter(),
    };

    /// <summary>Parses one kind of row and writes a batch, replacing rows with the same id.</summary>
    private abstract class RowWriter
    {
        private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);

        public abstract int Pending { get; }

        /// <summary>Looks once at what is stored, so a first import of a national file does no needless deletes.</summary>
        public abstract Task PrepareAsync(CaseHubDbContext db, CancellationToken ct);

        public abstract void Parse(Func<string, string> field, List<string> problems, int line);

        public abstract Task FlushAsync(CaseHubDbContext db, CancellationToken ct);

        /// <summary>An id may occur once per file; a second occurrence is reported with the first line.</summary>
        protected void Unique(string id, string label, List<string> problems, int line)
        {
            if (!seen.TryAdd(id, line))
            {
                problems.Add($"{label} '{id}' står også i linje {seen[id]}.");
            }
        }

        protected static async Task SaveAsync<T>(CaseHubDbContext db, List<T> batch, CancellationToken ct)
            where T : class
        {
            await BulkWriter.InsertAsync(db, batch, ct);
            batch.Clear();
        }
    }

    private sealed class PopulationWriter : RowWriter
    {
        private readonly List<PopulationCount> batch = [];
        private HashSet<(int Year, int Quarter)> stored = [];

        public override int Pending => batch.Count;

        public override async Task PrepareAsync(CaseHubDbContext db, CancellationToken ct) =>
            stored = (await db.PopulationCounts.Select(p => new { p.Year, p.Quarter }).Distinct().ToListAsync(ct))
                .Select(p => (p.Year, p.Quarter)).ToHashSet();

        public override void Parse(Func<string, string> field, List<string> problems, int line)
        {
            var year = Int(field("year"), "year", 1900, 2200, problems);
            var quarter = Int(field("quarter"), "quarter", 1, 4, problems);
            var municipality = Municipality(field("municipality_code"), problems);
            var age = Int(field("age"), "age", 0, 130, problems);
            var count = Int(field("count"), "count", 0, int.MaxValue, problems);
            if (problems.Count > 0)
            {
                return;
            }

            Unique($"{year}-{quarter}-{municipality}-{age}", "Året, kvartalet, kommunen og alderen", problems, line);
            batch.Add(new PopulationCount { Year = year, Quarter = quarter, MunicipalityCode = municipality!, Age = age, Count = count });
        }

        public override async Task FlushAsync(CaseHubDbContext db, CancellationToken ct)
        {
            // A population row is identified by year, quarter, municipality and age.
            foreach (var group in batch.Where(p => stored.Contains((p.Year, p.Quarter))).GroupBy(p => (p.Year, p.Quarter, p.MunicipalityCode)))
            {
                var ages = group.Select(p => p.Age).ToList();
                var (year, quarter, municipality) = group.Key;
                await db.PopulationCounts
                    .Where(p => p.Year == year && p.Quarter == quarter && p.MunicipalityCode == municipality && ages.Contains(p.Age))
                    .ExecuteDeleteAsync(ct);
            }

            await SaveAsync(db, batch, ct);
        }
    }

    private sealed class RegisterWriter : RowWriter
    {
        private readonly List<RegisterMeasure> batch = [];
        private bool anyStored;

        public override int Pending => batch.Count;

        public override async Task PrepareAsync(CaseHubDbContext db, CancellationToken ct) => anyStored = await db.RegisterMeasures.AnyAsync(ct);

        public override void Parse(Func<string, string> field, List<string> problems, int line)
        {
            var id = Id(field("measure_id"), "measure_id", problems);
            var person = PersonKey(field("person_key"), problems);
            var birth = Date(field("birth_date"), "birth_date", problems);
            var municipality = Municipality(field("municipality_code"), problems);
            var region = Region(field("region_code"), problems);
            var ward = Id(field("ward_sor"), "ward_sor", problems);
            var typeCode = field("type");
            if (!IndicatorCatalog.TypeCodes.TryGetValue(typeCode, out var type))
            {
                problems.Add($"type '{typeCode}' er ukendt; brug {string.Join(", ", IndicatorCatalog.TypeCodes.Keys)}.");
            }

            var start = Time(field("start"), "start", required: true, problems);
            var end = Time(field("end"), "end", required: false, problems);
            if (start is { } s && end is { } e && e.Utc < s.Utc)
            {
                problems.Add("end ligger før start.");
            }

            if (birth is { } b && start is { } st && b > DateOnly.FromDateTime(st.Local))
            {
                problems.Add("birth_date ligger efter start.");
            }

            if (problems.Count > 0)
            {
                return;
            }

            Unique(id!, "measure_id", problems, line);
            var local = start!.Value.Local;
            var age = AgeAt(birth!.Value, DateOnly.FromDateTime(local));
            batch.Add(new RegisterMeasure
            {
                MeasureId = id!,
                PersonKey = person!,
                BirthDate = birth.Value,
                MunicipalityCode = municipality!,
                RegionCode = region!,
                WardSor = ward!,
                Type = type,
                Start = start.Value.Utc,
                End = end?.Utc,
                Year = local.Year,
                Half = local.Month <= 6 ? 1 : 2,
                AgeAtStart = age,
                IsChild = age < 18,
                DurationHours = end is { } en ? (en.Utc - start.Value.Utc).TotalHours : null,
            });
        }

        public override async Task FlushAsync(CaseHubDbContext db, CancellationToken ct)
        {
            if (anyStored)
            {
                var ids = batch.Select(m => m.MeasureId).ToList();
                await db.RegisterMeasures.Where(m => ids.Contains(m.MeasureId)).ExecuteDeleteAsync(ct);
            }

            await SaveAsync(db, batch, ct);
        }
    }

    private sealed class AdmissionsWriter : RowWriter
    {
        private readonly List<AdmissionExtractRow> batch = [];
        private bool anyStored;

        public override int Pending => batch.Count;

        public override async Task PrepareAsync(CaseHubDbContext db, CancellationToken ct) => anyStored = await db.AdmissionExtractRows.AnyAsync(ct);

        public override void Parse(Func<string, string> field, List<string> problems, int line)
        {
            var id = Id(field("admission_id"), "admission_id", problems);
            var person = PersonKey(field("person_key"), problems);
            var birth = Date(field("birth_date"), "birth_date", problems);
            var municipality = Municipality(field("municipality_code"), problems);
            var region = Region(field("region_code"), problems);
            var ward = Id(field("ward_sor"), "ward_sor", problems);
            var start = Time(field("start"), "start", required: true, problems);
            var end = Time(field("end"), "end", required: false, problems);
            var basis = Id(field("legal_basis"), "legal_basis", problems);
            if (start is { } s && end is { } e && e.Utc < s.Utc)
            {
                problems.Add("end ligger før start.");
            }

            if (problems.Count > 0)
            {
                return;
            }

            Unique(id!, "admission_id", problems, line);
            batch.Add(new AdmissionExtractRow
            {
                AdmissionId = id!,
                PersonKey = person!,
                BirthDate = birth!.Value,
                MunicipalityCode = municipality!,
                RegionCode = region!,
                WardSor = ward!,
                Start = start!.Value.Utc,
                End = end?.Utc,
                LegalBasis = basis!,
            });
        }

        public override async Task FlushAsync(CaseHubDbContext db, CancellationToken ct)
        {
            if (anyStored)
            {
                var ids = batch.Select(m => m.AdmissionId).ToList();
                await db.AdmissionExtractRows.Where(m => ids.Contains(m.AdmissionId)).ExecuteDeleteAsync(ct);
            }

            await SaveAsync(db, batch, ct);
        }
    }

    /// <summary>Age in whole years on a day (the birthday itself counts as the new age).</summary>
    public static int AgeAt(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return day < birth.AddYears(age) ? age - 1 : age;
    }

    /// <summary>3 or 4 digits (851 or 0851), stored as 4.</summary>
    public static string? NormalizeMunicipality(string text) =>
        MunicipalityPattern().IsMatch(text) && int.Parse(text, CultureInfo.InvariantCulture) is >= 100 and <= 999
            ? text.PadLeft(4, '0')
            : null;

    /// <summary>1081-1085 or DK-81..DK-85, stored as 1081-1085.</summary>
    public static string? NormalizeRegion(string text)
    {
        var match = RegionPattern().Match(text);
        return match.Success ? "108" + match.Groups[1].Value : null;
    }

    private static string? Municipality(string text, List<string> problems)
    {
        var code = NormalizeMunicipality(text);
        if (code is null)
        {
            problems.Add($"municipality_code '{text}' er ikke en kommunekode med 3 eller 4 cifre (851 eller 0851).");
        }

        return code;
    }

    private static string? Region(string text, List<string> problems)
    {
        var code = NormalizeRegion(text);
        if (code is null)
        {
            problems.Add($"region_code '{text}' er ikke en regionskode (1081-1085 eller DK-81 til DK-85).");
        }

        return code;
    }

    private static string? Id(string text, string name, List<string> problems)
    {
        if (text.Length == 0)
        {
            problems.Add($"{name} mangler.");
            return null;
        }

        if (text.Length > 64)
        {
            problems.Add($"{name} er længere end 64 tegn.");
            return null;
        }

        return text;
    }

    private static string? PersonKey(string text, List<string> problems)
    {
        var key = Id(text, "person_key", problems);
        if (key is not null && CprPattern().IsMatch(key))
        {
            // The extracts are pseudonymized; a CPR number here means the wrong file, and it must not be stored.
            problems.Add("person_key ligner et CPR-nummer; udtrækket skal være pseudonymiseret.");
            return null;
        }

        return key;
    }

    private static int Int(string text, string name, int min, int max, List<string> problems)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Add(max == int.MaxValue
                ? $"{name} '{text}' er ikke et helt tal på mindst {min}."
                : $"{name} '{text}' er ikke et helt tal fra {min} til {max}.");
            return 0;
        }

        return value;
    }

    private static DateOnly? Date(string text, string name, List<string> problems)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"{name} '{text}' er ikke en dato på formen ÅÅÅÅ-MM-DD.");
        return null;
    }

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    private static readonly string[] OffsetFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>An ISO 8601 time in Danish local time (or with an explicit offset), as local and UTC.</summary>
    private static (DateTime Local, DateTime Utc)? Time(string text, string name, bool required, List<string> problems)
    {
        if (text.Length == 0)
        {
            if (required)
            {
                problems.Add($"{name} mangler.");
            }

            return null;
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (DanishCalendar.TimeZone.IsInvalidTime(local))
            {
                problems.Add($"{name} '{text}' findes ikke i dansk tid (uret stilles frem til sommertid).");
                return null;
            }

            return (local, DanishCalendar.ToUtc(local));
        }

        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            var utc = withOffset.UtcDateTime;
            return (DanishCalendar.ToDanishTime(utc), utc);
        }

        problems.Add($"{name} '{text}' er ikke et tidspunkt efter ISO 8601 (ÅÅÅÅ-MM-DDTtt:mm:ss).");
        return null;
    }

    [GeneratedRegex("^[0-9]{3,4}$")]
    private static partial Regex MunicipalityPattern();

    [GeneratedRegex("^(?:108|DK-8)([1-5])$", RegexOptions.IgnoreCase)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{6}-?[0-9]{4}$")]
    private static partial Regex CprPattern();
}
