using CaseHub.Core.Audit;

namespace CaseHub.Web.Access;

/// <summary>Writes a request's audit entries in one commit, just before its response starts.</summary>
public static class DeferredAudit
{
    public static IApplicationBuilder UseDeferredAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var audit = context.RequestServices.GetRequiredService<AuditLog>();
        audit.DeferUntilFlush();
        // Not the request's abort token: a client that goes away after seeing data must still leave its trace.
        context.Response.OnStarting(() => audit.FlushAsync(CancellationToken.None));
        await next();
        await audit.FlushAsync(CancellationToken.None);
    });
}
