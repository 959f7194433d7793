using System.Text.Encodings.Web;
using CaseHub.Core.Data;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseHub.Web.Tests.Infrastructure;

/// <summary>
/// The whole app on a fresh SQLite database of its own (a temp data directory), in Development with demo data, plus
/// a test authentication scheme: a request with <c>X-Test-User: username</c> is that demo user.
/// </summary>
public class CaseHubFactory : WebApplicationFactory<Program>
{
    public const string TestScheme = "Test";
    public const string UserHeader = "X-Test-User";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "casehub-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The environment the app runs in; tests of production behaviour override it.</summary>
    protected virtual string EnvironmentName => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("CaseHub:DataDirectory", DataDirectory);
        builder.ConfigureServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestScheme, _ => { });
            services.PostConfigure<PolicySchemeOptions>(AuthenticationSetup.Scheme, options =>
            {
                var inner = options.ForwardDefaultSelector;
                options.ForwardDefaultSelector = ctx => ctx.Request.Headers.ContainsKey(UserHeader) ? TestScheme : inner?.Invoke(ctx);
            });
        });

        // Each host its own job storage. AddHangfire hands every host the process-wide JobStorage.Current through a
        // factory, so the container of the first host to stop disposed the storage all the others still enqueue into.
        builder.ConfigureTestServices(services => services.AddSingleton<Hangfire.JobStorage>(_ =>
            new Hangfire.InMemory.InMemoryStorage(new Hangfire.InMemory.InMemoryStorageOptions { IdType = Hangfire.InMemory.InMemoryStorageIdType.Long })));
    }

    /// <summary>A client signed in as a demo user; redirects are not followed so tests see them.</summary>
    public HttpClient ClientFor(string username)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(UserHeader, username);
        return client;
    }

    /// <summary>A scope for looking at the database the app uses.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<CaseHubDbContext, Task<T>> query)
    {
        await using var scope = Scope();
        return await query(scope.ServiceProvider.GetRequiredService<CaseHubDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CaseHubDbContext db)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var username = Request.Headers[UserHeader].ToString();
            var principal = await DevSignIn.PrincipalForAsync(db, username, TestScheme);
            return principal is null
                ? AuthenticateResult.Fail($"No demo user '{username}'")
                : AuthenticateResult.Success(new AuthenticationTicket(principal, TestScheme));
        }
    }
}
