using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Core.Data;

/// <summary>The database providers CaseHub supports.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Reads <c>Database:*</c> and <c>CaseHub:DataDirectory</c> and registers the DbContext.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "CaseHub.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "CaseHub.Migrations.SqlServer";

    /// <summary>The configured provider; an unknown value stops start-up with the setting named.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException(
                $"Setting 'Database:Provider' is '{value}'; it must be 'Sqlite' or 'SqlServer'.");
    }

    /// <summary>The folder that holds the SQLite database (and backups): <c>CaseHub:DataDirectory</c>.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["CaseHub:DataDirectory"];
        var directory = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(contentRoot, "App_Data")
            : Path.GetFullPath(configured, contentRoot);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The connection string for the configured provider.</summary>
    public static string ConnectionString(IConfiguration configuration, string contentRoot) =>
        Provider(configuration) switch
        {
            DatabaseProvider.SqlServer => configuration.GetConnectionString("CaseHub") is { Length: > 0 } cs
                ? cs
                : throw new InvalidOperationException(
                    "Setting 'ConnectionStrings:CaseHub' is required when 'Database:Provider' is 'SqlServer'."),
            _ => configuration.GetConnectionString("CaseHub") is { Length: > 0 } sqlite
                ? sqlite
                : $"Data Source={Path.Combine(DataDirectory(configuration, contentRoot), "casehub.db")}",
        };

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            default:
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(SqliteBusyTimeout.Instance);
                break;
        }
    }

    public static IServiceCollection AddCaseHubDatabase(
        this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = Provider(configuration);
        var connectionString = ConnectionString(configuration, contentRoot);
        services.AddDbContext<CaseHubDbContext>(options => Configure(options, provider, connectionString));
        return services;
    }
}
