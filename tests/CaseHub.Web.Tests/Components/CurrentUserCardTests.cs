using Bunit;
using CaseHub.Core.Access;
using CaseHub.Core.Organizations;
using CaseHub.Web.Components;

namespace CaseHub.Web.Tests.Components;

public class CurrentUserCardTests : BunitContext
{
    [Fact]
    public void Shows_name_organization_and_the_role_in_Danish()
    {
        var user = new CurrentUser(Guid.NewGuid(), "sag.aalborg", "Line Munk", Guid.NewGuid(), "Aalborg Kommune",
            OrganizationKind.Municipality, null, [Roles.MunicipalCaseworker]);

        var card = Render<CurrentUserCard>(p => p.Add(c => c.User, user));

        Assert.Equal("Line Munk", card.Find(".user-name").TextContent);
        Assert.Equal("Aalborg Kommune", card.Find(".user-org").TextContent);
        Assert.Equal("Sagsbehandler", card.Find(".user-role").TextContent);
    }
}
