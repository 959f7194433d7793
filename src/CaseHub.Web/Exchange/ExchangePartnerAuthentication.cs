using System.Security.Claims;
using System.Text.Encodings.Web;
using CaseHub.Core.Exchange;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CaseHub.Web.Exchange;

/// <summary>
/// Counterpart systems (another CaseHub, an EHR, a care system) authenticate with the bearer token configured for
/// them (<c>CaseHub:Exchange:Endpoints:{code}:InboundToken</c>); the principal carries the counterpart's organization
/// code. A request that fails is recorded for administrators before the 401 goes back.
/// </summary>
public sealed class ExchangePartnerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptionsMonitor<ExchangeSettings> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ExchangePartner";
    public const string Policy = "ExchangePartner";

    /// <summary>The claim with the counterpart's organization code (the endpoint key).</summary>
    public const string PartnerClaim = "casehub/exchange_partner";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var sender = settings.CurrentValue.SenderFor(header["Bearer ".Length..].Trim());
        if (sender is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown exchange partner token"));
        }

        var identity = new ClaimsIdentity([new Claim(PartnerClaim, sender), new Claim(ClaimTypes.Name, "exchange:" + sender)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refused = await Context.RequestServices.GetRequiredService<InboundDocuments>().RejectAsync(
            "ukendt afsender", "ukendt", null, StatusCodes.Status401Unauthorized,
            "Afsenderen er ukendt: ingen gyldig adgangsnøgle til udveksling.", Context.RequestAborted);
        Response.Headers.WWWAuthenticate = "Bearer";
        await ExchangeInbound.WriteAsync(Context, refused, Context.RequestServices.GetRequiredService<CaseHub.Fhir.Serialization.FhirSerialization>());
    }
}
