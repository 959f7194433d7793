using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace CaseHub.Core.Data;

/// <summary>Handles one row of a <see cref="RowScan"/>; the row is only valid during the call.</summary>
internal delegate void RowHandler(in ScanRow row);

/// <summary>
/// Reads the rows of an EF Core query by column position, for scans over hundreds of thousands of rows. EF generates
/// the SQL and its parameters for either provider; on SQLite the statement is then stepped through SQLitePCL.raw, which
/// reads a column without Microsoft.Data.Sqlite's per-value checks and a text column without allocating a string
/// (a national indicator computation reads 900,000 rows: this halves the time it spends reading). Other providers
/// read through the provider's <see cref="DbDataReader"/>. Columns come in the order of the query's projection, as the
/// provider stores them: the model's value converters are not applied (an enum stored by name is read as text, a UTC
/// time comes back with an unspecified kind).
/// </summary>
internal static class RowScan
{
    /// <param name="throughReader">Read through the provider's <see cref="DbDataReader"/> on SQLite too (tests of the other providers' path).</param>
    public static async Task ReadAsync<T>(CaseHubDbContext db, IQueryable<T> query, RowHandler handle, CancellationToken ct, bool throughReader = false)
    {
        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // Columns are read by position, so a projection EF has merged or reordered must not be read at all.
            var columns = typeof(T).GetProperties().Length;
            if (!throughReader && db.Database.GetDbConnection() is SqliteConnection { Handle: { } connection })
            {
                ReadSqlite(connection, command, columns, handle, ct);
                return;
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            CheckColumns(reader.FieldCount, columns);
            while (await reader.ReadAsync(ct))
            {
                handle(new ScanRow(reader));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void CheckColumns(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"The query returns {actual} columns for a projection of {expected}; read it by name instead.");
        }
    }

    private static void ReadSqlite(sqlite3 connection, DbCommand command, int columns, RowHandler handle, CancellationToken ct)
    {
        const string Doing = "reading rows";
        SqliteRaw.Check(connection, raw.sqlite3_prepare_v2(connection, command.CommandText, out var statement), Doing);
        using (statement)
        {
            CheckColumns(raw.sqlite3_column_count(statement), columns);
            foreach (DbParameter parameter in command.Parameters)
            {
                var name = parameter.ParameterName.Length > 0 && parameter.ParameterName[0] is '@' or '$' or ':'
                    ? parameter.ParameterName
                    : "@" + parameter.ParameterName;
                SqliteRaw.Check(connection, SqliteRaw.Bind(statement, raw.sqlite3_bind_parameter_index(statement, name), parameter.Value), Doing);
            }

            var row = new ScanRow(statement);
            int rc;
            for (var n = 0; (rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW; n++)
            {
                if ((n & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                handle(row);
            }

            SqliteRaw.Check(connection, rc, Doing);
        }
    }
}

/// <summary>The current row of a <see cref="RowScan"/>, read by column position.</summary>
internal readonly struct ScanRow
{
    private readonly sqlite3_stmt? statement;
    private readonly DbDataReader? reader;

    public ScanRow(sqlite3_stmt statement) => this.statement = statement;

    public ScanRow(DbDataReader reader) => this.reader = reader;

    public bool IsNull(int column) =>
        statement is null ? reader!.IsDBNull(column) : raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public int Int32(int column) => statement is null ? reader!.GetInt32(column) : raw.sqlite3_column_int(statement, column);

    public long Int64(int column) => statement is null ? reader!.GetInt64(column) : raw.sqlite3_column_int64(statement, column);

    public bool Boolean(int column) => statement is null ? reader!.GetBoolean(column) : raw.sqlite3_column_int(statement, column) != 0;

    public double Double(int column) => statement is null ? reader!.GetDouble(column) : raw.sqlite3_column_double(statement, column);

    public long? NullableInt64(int column) => IsNull(column) ? null : Int64(column);

    public double? NullableDouble(int column) => IsNull(column) ? null : Double(column);

    /// <summary>The text column's value as the dense number <paramref name="numbering"/> gives it.</summary>
    public int Number(int column, Numbering numbering)
    {
        if (statement is null)
        {
            return numbering.Of(reader!.GetString(column));
        }

        var utf8 = raw.sqlite3_column_blob(statement, column);
        if (Numbering.TryPack(utf8, out var packed))
        {
            return numbering.Of(packed, utf8);
        }

        Span<char> text = stackalloc char[Numbering.MaxLength];
        return numbering.Of(Text(column, text));
    }

    public bool TextEquals(int column, string value)
    {
        if (statement is null)
        {
            return string.Equals(reader!.GetString(column), value, StringComparison.Ordinal);
        }

        Span<char> text = stackalloc char[Numbering.MaxLength];
        return Text(column, text).SequenceEqual(value);
    }

    /// <summary>A date and time as EF Core's SQLite mapping stores it (text, as Microsoft.Data.Sqlite parses it).</summary>
    public DateTime DateTime(int column)
    {
        if (statement is null)
        {
            return reader!.GetDateTime(column);
        }

        var utf8 = raw.sqlite3_column_blob(statement, column);
        if (StoredDate.TryParse(utf8, out var day) && StoredDate.TryParseTime(utf8, out var time))
        {
            return day.ToDateTime(System.TimeOnly.MinValue).Add(time);
        }

        Span<char> text = stackalloc char[64];
        return System.DateTime.Parse(Text(column, text), CultureInfo.InvariantCulture);
    }

    public DateTime? NullableDateTime(int column) => IsNull(column) ? null : DateTime(column);

    public DateOnly DateOnly(int column)
    {
        if (statement is null)
        {
            return reader!.GetFieldValue<DateOnly>(column);
        }

        var utf8 = raw.sqlite3_column_blob(statement, column);
        if (utf8.Length == 10 && StoredDate.TryParse(utf8, out var day))
        {
            return day;
        }

        Span<char> text = stackalloc char[64];
        return System.DateOnly.Parse(Text(column, text), CultureInfo.InvariantCulture);
    }

    private ReadOnlySpan<char> Text(int column, Span<char> buffer)
    {
        var utf8 = raw.sqlite3_column_blob(statement!, column);
        if (utf8.Length > buffer.Length)
        {
            // A UTF-8 text never has more characters than bytes, so anything shorter fits the buffer.
            return Encoding.UTF8.GetString(utf8);
        }

        return buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
    }
}

/// <summary>
/// The text EF Core's SQLite mapping writes for dates and times (<c>yyyy-MM-dd</c> and <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>),
/// read straight from the UTF-8 bytes: general date parsing was a third of the time of reading the admissions extract.
/// Anything else is left to the general parser.
/// </summary>
internal static class StoredDate
{
    public static bool TryParse(ReadOnlySpan<byte> text, out DateOnly day)
    {
        day = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-'
            || !Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var dayOfMonth)
            || year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > System.DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    /// <summary>The time of day after the date: <c> HH:mm:ss</c> with up to seven digits of fraction.</summary>
    public static bool TryParseTime(ReadOnlySpan<byte> text, out TimeSpan time)
    {
        time = default;
        if (text.Length < 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long ticks = 0;
        if (text.Length > 19)
        {
            var fraction = text[20..];
            if (text[19] != '.' || fraction.Length is < 1 or > 7 || !Digits(fraction, out var digits))
            {
                return false;
            }

            ticks = digits;
            for (var scale = fraction.Length; scale < 7; scale++)
            {
                ticks *= 10;
            }
        }

        time = new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}

/// <summary>
/// Numbers distinct strings densely in the order first seen (0, 1, 2...), so a scan can count by array index instead
/// of keeping the strings. Looks text up without allocating it; only a new string is stored. Short ASCII text (codes,
/// enum names, most person keys) is looked up as one 64-bit number, which is several times cheaper than hashing text.
/// </summary>
internal sealed class Numbering
{
    /// <summary>Text up to this length is looked up on the stack (keys and codes are at most 64 characters).</summary>
    public const int MaxLength = 128;

    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Dictionary<ulong, int> packedNumbers = [];
    private readonly List<string> keys = [];

    public Numbering() => lookup = numbers.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => keys.Count;

    /// <summary>The strings in number order.</summary>
    public IReadOnlyList<string> Keys => keys;

    /// <summary>Up to 7 ASCII characters (UTF-8 bytes or chars) as one number: the characters, and the length in the top byte.</summary>
    public static bool TryPack<T>(ReadOnlySpan<T> text, out ulong packed)
        where T : System.Numerics.IBinaryInteger<T>
    {
        packed = (ulong)text.Length << 56;
        if (text.Length > 7)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = ulong.CreateTruncating(text[i]);
            if (c > 127)
            {
                return false;
            }

            packed |= c << (8 * i);
        }

        return true;
    }

    /// <summary>The number of short ASCII text packed by <see cref="TryPack{T}(ReadOnlySpan{T}, out ulong)"/>.</summary>
    public int Of(ulong packed, ReadOnlySpan<byte> utf8)
    {
        if (!packedNumbers.TryGetValue(packed, out var number))
        {
            packedNumbers[packed] = number = keys.Count;
            keys.Add(System.Text.Encoding.ASCII.GetString(utf8));
        }

        return number;
    }

    public int Of(ReadOnlySpan<char> key)
    {
        if (TryPack(key, out var packed))
        {
            return Of(packed, key);
        }

        if (!lookup.TryGetValue(key, out var number))
        {
            var text = key.ToString();
            numbers[text] = number = keys.Count;
            keys.Add(text);
        }

        return number;
    }

    public int Of(string key) => Of(key.AsSpan());

    private int Of(ulong packed, ReadOnlySpan<char> key)
    {
        if (!packedNumbers.TryGetValue(packed, out var number))
        {
            packedNumbers[packed] = number = keys.Count;
            keys.Add(key.ToString());
        }

        return number;
    }
}
