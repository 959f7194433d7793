using CaseHub.Web;
using CaseHub.Web.Cli;
using CaseHub.Web.Observability;

// A command-line verb (import, indicators) runs against the same configuration and database, then exits.
var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);
builder.Logging.AddCaseHubLogging(builder.Environment);
builder.Services.AddCaseHub(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (isCommand)
{
    return await CommandLine.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseCaseHub();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
