using CaseHub.Core.Access;
using CaseHub.Core.Audit;

namespace CaseHub.Web.Auth;

/// <summary>The signed-in user and where the request came from, for pages, endpoints and the audit trail.</summary>
public sealed class CurrentUserAccessor(IHttpContextAccessor http) : IAuditSource
{
    /// <summary>The signed-in staff user; pages behind the authorization policy always have one.</summary>
    public CurrentUser User =>
        http.HttpContext?.User.ToCurrentUser()
        ?? throw new InvalidOperationException("No signed-in CaseHub user on this request.");

    public string? IpAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? Client => http.HttpContext?.Request.Headers.UserAgent.ToString();
}
