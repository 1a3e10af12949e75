using Microsoft.AspNetCore.Routing;

namespace Tollgate.Api.Features.Switching;

/// <summary>The switch's administration API: vendor connections and service policies.</summary>
public static class SwitchingApiModule
{
    public static RouteGroupBuilder MapSwitchingApi(this RouteGroupBuilder api)
    {
        api.MapConnectionsApi();
        api.MapServicePoliciesApi();
        return api;
    }
}
