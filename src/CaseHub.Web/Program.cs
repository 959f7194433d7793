using CaseHub.Web;
using CaseHub.Web.Observability;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddCaseHubLogging(builder.Environment);
builder.Services.AddCaseHub(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseCaseHub();
await app.RunAsync();

/// <summary>The entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
