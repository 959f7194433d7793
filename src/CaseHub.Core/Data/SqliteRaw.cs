using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace CaseHub.Core.Data;

/// <summary>
/// Binding values to a SQLite statement by position, straight through SQLitePCL.raw. Microsoft.Data.Sqlite looks every
/// parameter up by name on every execution (about 1 µs a value), which dominated writing national-size tables. For
/// the types EF Core's SQLite mapping hands over (text, integers, reals, booleans, Guids, decimals, dates and times,
/// blobs) the conversions are Microsoft.Data.Sqlite's own (SqliteValueBinder), so what is stored is what EF stores; a
/// test compares the stored text with what SaveChanges writes.
/// </summary>
public static class SqliteRaw
{
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>Binds a provider value (after EF's value converter) to the 1-based parameter <paramref name="index"/>.</summary>
    /// <param name="guidAsText">EF's SQLite mapping stores a Guid as upper-case text unless a converter says otherwise.</param>
    public static int Bind(sqlite3_stmt statement, int index, object? value, bool guidAsText = true) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        Guid guid => guidAsText
            ? raw.sqlite3_bind_text(statement, index, guid.ToString().ToUpperInvariant())
            : raw.sqlite3_bind_blob(statement, index, guid.ToByteArray()),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        double number => raw.sqlite3_bind_double(statement, index, number),
        float number => raw.sqlite3_bind_double(statement, index, number),
        decimal number => raw.sqlite3_bind_text(statement, index, number.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        DateTime time => BindDateTime(statement, index, time),
        DateTimeOffset time => raw.sqlite3_bind_text(statement, index, time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        DateOnly day => raw.sqlite3_bind_text(statement, index, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly time => raw.sqlite3_bind_text(statement, index, time.Ticks % TimeSpan.TicksPerSecond == 0
            ? time.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}."),
    };

    /// <summary>
    /// A compiled binder for one column of <typeparamref name="T"/>: reads the property, applies EF Core's value converter
    /// and binds the provider value with the call for its type, so no value is boxed (boxing and type-switching every
    /// value cost more than SQLite's own writing of a 177,840-row computation). Types without their own call, and
    /// shadow properties, go through <see cref="Bind"/>.
    /// </summary>
    public static Func<sqlite3_stmt, T, int> Binder<T>(IProperty property, int index)
        where T : class
    {
        var mapping = property.GetRelationalTypeMapping();
        var guidAsText = mapping.StoreType == "TEXT";
        if (property.PropertyInfo is not { } info)
        {
            var getter = property.GetGetter();
            var converter = mapping.Converter;
            return (statement, entity) => getter.GetClrValue(entity) is { } value
                ? Bind(statement, index, converter is null ? value : converter.ConvertToProvider(value), guidAsText)
                : raw.sqlite3_bind_null(statement, index);
        }

        var statementParameter = Expression.Parameter(typeof(sqlite3_stmt), "statement");
        var entityParameter = Expression.Parameter(typeof(T), "entity");
        Expression propertyValue = Expression.Property(entityParameter, info);
        Expression BindValue(Expression value)
        {
            if (mapping.Converter is { } converter)
            {
                value = Expression.Invoke(converter.ConvertToProviderExpression, Expression.Convert(value, converter.ModelClrType));
            }

            var call = value.Type switch
            {
                var t when t == typeof(string) => nameof(BindText),
                var t when t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(bool) => nameof(BindInteger),
                var t when t == typeof(double) || t == typeof(float) => nameof(BindReal),
                var t when t == typeof(DateTime) => nameof(BindDateTime),
                _ => null,
            };
            return call switch
            {
                null => Expression.Call(typeof(SqliteRaw), nameof(Bind), null, statementParameter, Expression.Constant(index), Expression.Convert(value, typeof(object)), Expression.Constant(guidAsText)),
                nameof(BindInteger) when value.Type == typeof(bool) => Expression.Call(typeof(SqliteRaw), call, null, statementParameter, Expression.Constant(index), Expression.Condition(value, Expression.Constant(1L), Expression.Constant(0L))),
                nameof(BindInteger) or nameof(BindReal) => Expression.Call(typeof(SqliteRaw), call, null, statementParameter, Expression.Constant(index), Expression.Convert(value, call == nameof(BindReal) ? typeof(double) : typeof(long))),
                _ => Expression.Call(typeof(SqliteRaw), call, null, statementParameter, Expression.Constant(index), value),
            };
        }

        var bindNull = Expression.Call(typeof(raw), nameof(raw.sqlite3_bind_null), null, statementParameter, Expression.Constant(index));
        Expression body = Nullable.GetUnderlyingType(info.PropertyType) is not null
            ? Expression.Condition(Expression.Property(propertyValue, "HasValue"), BindValue(Expression.Property(propertyValue, "Value")), bindNull)
            : info.PropertyType.IsValueType
                ? BindValue(propertyValue)
                : Expression.Condition(Expression.Equal(propertyValue, Expression.Constant(null, info.PropertyType)), bindNull, BindValue(propertyValue));
        return Expression.Lambda<Func<sqlite3_stmt, T, int>>(body, statementParameter, entityParameter).Compile();
    }

    /// <summary>Short text is encoded on the stack (SQLite copies it): SQLitePCL allocates an array per string otherwise.</summary>
    private static int BindText(sqlite3_stmt statement, int index, string? text)
    {
        if (text is null)
        {
            return raw.sqlite3_bind_null(statement, index);
        }

        if (text.Length > 256)
        {
            return raw.sqlite3_bind_text(statement, index, text);
        }

        Span<byte> utf8 = stackalloc byte[text.Length * 3];
        return raw.sqlite3_bind_text(statement, index, utf8[..System.Text.Encoding.UTF8.GetBytes(text, utf8)]);
    }

    private static int BindInteger(sqlite3_stmt statement, int index, long value) => raw.sqlite3_bind_int64(statement, index, value);

    private static int BindReal(sqlite3_stmt statement, int index, double value) => raw.sqlite3_bind_double(statement, index, value);

    private static int BindDateTime(sqlite3_stmt statement, int index, DateTime value)
    {
        Span<byte> utf8 = stackalloc byte[32];
        return value.TryFormat(utf8, out var written, DateTimeFormat, CultureInfo.InvariantCulture)
            ? raw.sqlite3_bind_text(statement, index, utf8[..written])
            : raw.sqlite3_bind_text(statement, index, value.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
    }

    /// <summary>Throws with SQLite's own message unless <paramref name="rc"/> is a success code.</summary>
    public static void Check(sqlite3 handle, int rc, string doing)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new InvalidOperationException($"SQLite error {rc} {doing}: {raw.sqlite3_errmsg(handle).utf8_to_string()}");
        }
    }

    /// <summary>Runs a prepared statement that returns no rows and makes it ready for the next values.</summary>
    public static int Execute(sqlite3 handle, sqlite3_stmt statement, string doing)
    {
        var rc = raw.sqlite3_step(statement);
        Check(handle, rc, doing);
        Check(handle, raw.sqlite3_reset(statement), doing);
        return raw.sqlite3_changes(handle);
    }
}
