using CaseHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CaseHub.Migrations.SqlServer;

/// <summary>Lets 'dotnet ef' build the model and scripts for SQL Server; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CaseHubDbContext>
{
    public CaseHubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CaseHubDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=(local);Database=CaseHub;Integrated Security=true;TrustServerCertificate=true");
        return new CaseHubDbContext(options.Options);
    }
}
