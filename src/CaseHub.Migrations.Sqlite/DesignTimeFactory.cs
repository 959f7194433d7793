using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CaseHub.Migrations.Sqlite;

/// <summary>Lets 'dotnet ef' build the model for SQLite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CaseHubDbContext>
{
    public CaseHubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CaseHubDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new CaseHubDbContext(options.Options);
    }
}
