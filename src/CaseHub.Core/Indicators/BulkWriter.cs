using System.Data.Common;
using System.Text;
using CaseHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace CaseHub.Core.Indicators;

/// <summary>
/// Writes many rows of one entity type fast, for both providers. EF Core's SaveChanges inserts about 4,000 rows a
/// second on SQLite (one statement per row), which makes a national import or computation take minutes; this builds
/// multi-row INSERT and keyed UPDATE statements from the EF model itself (table and column names, the provider's
/// quoting, each column's type mapping and value converter), so the SQL is still generated per provider and follows
/// the model. Values go in as parameters (on SQLite bound by position, <see cref="SqliteRaw"/>). Runs in the caller's
/// transaction.
/// </summary>
internal static class BulkWriter
{
    private const int MaxParameters = 2000;

    /// <summary>The SQLite binders per entity type and statement (the model does not change while the app runs).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type Entity, string Sql), Delegate[]> CompiledBinders = new();

    /// <param name="generic">Use the other providers' multi-row statements on SQLite too (tests of that path).</param>
    public static async Task<int> InsertAsync<T>(CaseHubDbContext db, IReadOnlyList<T> rows, CancellationToken ct, bool generic = false)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var (table, columns, _, helper) = Describe<T>(db);
        if (!generic && db.Database.IsSqlite())
        {
            var sql = new StringBuilder($"INSERT INTO {table} (")
                .AppendJoin(", ", columns.Select(c => helper.DelimitIdentifier(Column(c))))
                .Append(") VALUES (").AppendJoin(", ", columns.Select((_, i) => CultureInvariant($"?{i + 1}"))).Append(')');
            return await WriteSqliteAsync(db, sql.ToString(), columns, rows, ct);
        }

        var values = columns.Select(ValueReader).ToArray();

        // SQL Server saves round trips with multi-row statements.
        var rowsPerStatement = Math.Max(1, Math.Min(500, MaxParameters / columns.Count));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            DbCommand? full = null;
            var written = 0;
            for (var offset = 0; offset < rows.Count; offset += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - offset);
                DbCommand command;
                if (count == rowsPerStatement && full is not null)
                {
                    command = full;
                }
                else
                {
                    command = CreateInsert(db, connection, table, columns, helper, count);
                    if (count == rowsPerStatement)
                    {
                        full = command;
                    }
                }

                for (var r = 0; r < count; r++)
                {
                    var entity = rows[offset + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        command.Parameters[(r * columns.Count) + c].Value = values[c](entity);
                    }
                }

                written += await command.ExecuteNonQueryAsync(ct);
                if (command != full)
                {
                    await command.DisposeAsync();
                }
            }

            if (full is not null)
            {
                await full.DisposeAsync();
            }

            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Updates every non-key column of each row, matched on its key.</summary>
    /// <param name="generic">Use the other providers' parameterized statement on SQLite too (tests of that path).</param>
    public static async Task<int> UpdateAsync<T>(CaseHubDbContext db, IReadOnlyList<T> rows, CancellationToken ct, bool generic = false)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var (table, columns, key, helper) = Describe<T>(db);
        if (!generic && db.Database.IsSqlite())
        {
            var all = columns.Append(key).ToList();
            var sql = new StringBuilder($"UPDATE {table} SET ")
                .AppendJoin(", ", columns.Select((c, i) => CultureInvariant($"{helper.DelimitIdentifier(Column(c))} = ?{i + 1}")))
                .Append(CultureInvariant($" WHERE {helper.DelimitIdentifier(Column(key))} = ?{all.Count}"));
            return await WriteSqliteAsync(db, sql.ToString(), all, rows, ct);
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var sql = new StringBuilder($"UPDATE {table} SET ");
            var all = columns.Append(key).ToList();
            var values = all.Select(ValueReader).ToArray();
            for (var c = 0; c < all.Count; c++)
            {
                var name = $"@p{c}";
                command.Parameters.Add(all[c].GetRelationalTypeMapping().CreateParameter(command, name, null, all[c].IsNullable));
                if (c < columns.Count)
                {
                    sql.Append(c > 0 ? ", " : string.Empty).Append(helper.DelimitIdentifier(Column(columns[c]))).Append(" = ").Append(name);
                }
            }

            sql.Append(" WHERE ").Append(helper.DelimitIdentifier(Column(key))).Append(CultureInvariant($" = @p{columns.Count}"));
            command.CommandText = sql.ToString();
            var written = 0;
            foreach (var entity in rows)
            {
                for (var c = 0; c < all.Count; c++)
                {
                    command.Parameters[c].Value = values[c](entity);
                }

                written += await command.ExecuteNonQueryAsync(ct);
            }

            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>
    /// Runs one prepared statement per row with the values bound by position (<see cref="SqliteRaw"/>): on SQLite a
    /// single-row statement is fastest, and binding by name through Microsoft.Data.Sqlite cost more than the writing.
    /// </summary>
    private static async Task<int> WriteSqliteAsync<T>(
        CaseHubDbContext db, string sql, List<IProperty> columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        // Compiling the binders costs milliseconds, and an import writes in batches of a thousand rows.
        var binders = (Func<sqlite3_stmt, T, int>[])CompiledBinders.GetOrAdd(
            (typeof(T), sql), _ => columns.Select((c, i) => SqliteRaw.Binder<T>(c, i + 1)).ToArray());
        var doing = $"writing {typeof(T).Name}";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
            SqliteRaw.Check(connection, raw.sqlite3_prepare_v2(connection, sql, out var statement), doing);
            using (statement)
            {
                var written = 0;
                foreach (var entity in rows)
                {
                    if ((written & 0xFFF) == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }

                    foreach (var bind in binders)
                    {
                        SqliteRaw.Check(connection, bind(statement, entity), doing);
                    }

                    written += SqliteRaw.Execute(connection, statement, doing);
                }

                return written;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand CreateInsert(CaseHubDbContext db, DbConnection connection, string table, List<IProperty> columns, ISqlGenerationHelper helper, int rowCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder($"INSERT INTO {table} (");
        sql.AppendJoin(", ", columns.Select(c => helper.DelimitIdentifier(Column(c)))).Append(") VALUES ");
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r > 0 ? ", (" : "(");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = CultureInvariant($"@p{(r * columns.Count) + c}");
                command.Parameters.Add(columns[c].GetRelationalTypeMapping().CreateParameter(command, name, null, columns[c].IsNullable));
                sql.Append(c > 0 ? ", " : string.Empty).Append(name);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }

    private static (string Table, List<IProperty> Columns, IProperty Key, ISqlGenerationHelper Helper) Describe<T>(CaseHubDbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var helper = db.GetService<ISqlGenerationHelper>();
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var columns = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var table = helper.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
        return (table, columns, key, helper);
    }

    private static string Column(IProperty property) =>
        property.GetColumnName(StoreObjectIdentifier.Table(property.DeclaringType.GetTableName()!, property.DeclaringType.GetSchema()))!;

    /// <summary>
    /// Reads a property's value as the provider stores it (through its value converter). The getter and converter are
    /// looked up once per column, not once per value: a national computation writes 177,840 rows of 14 columns.
    /// </summary>
    private static Func<object, object> ValueReader(IProperty property)
    {
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        return entity =>
        {
            var value = getter.GetClrValue(entity);
            if (value is not null && converter is not null)
            {
                value = converter.ConvertToProvider(value);
            }

            return value ?? DBNull.Value;
        };
    }
}
