using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tollgate.Api.Problems;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Access;

/// <summary>Enforces each endpoint's <see cref="EndpointAccess"/>: sign-in, realm, and the customer's section permission.</summary>
/// <remarks>
/// <para>Runs for every endpoint, so no handler has to remember it.</para>
/// <para>
/// It is middleware rather than an endpoint filter because filters run after parameter binding: a caller without the
/// permission would otherwise learn from a 400 what the body should look like, and a check that comes after reading
/// the body is a check that can be skipped by a bad body. Here nothing of the request is read before the decision.
/// </para>
/// </remarks>
public sealed class AccessFilter(CallerAccessor callers, IPermissionSource permissions) : IMiddleware
{
    private const string ApiPrefix = "/api/v1";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        var access = endpoint?.Metadata.GetMetadata<EndpointAccess>();
        if (access is null)
        {
            if (endpoint is RouteEndpoint { RoutePattern.RawText: { } raw } && raw.StartsWith(ApiPrefix, StringComparison.Ordinal))
                throw new InvalidOperationException($"Endpoint '{endpoint.DisplayName}' declares no access rule.");
            await next(http);
            return;
        }
        if (await RefuseAsync(http, access) is { } refusal)
        {
            await refusal.ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    private async Task<IResult?> RefuseAsync(HttpContext http, EndpointAccess access)
    {
        if (access.Anonymous) return null;
        var caller = callers.Caller;
        if (caller is null)
        {
            return (await Auth.AuthServices.UnauthorizedAsync(http, null)).ToResult();
        }
        if (!access.Realms.Contains(caller.Realm))
            return Problem.Forbidden($"The {caller.Realm.WireName()} realm may not use this endpoint.").ToResult();

        if (caller.Realm == Realm.Customer && !access.AnySignedIn && access.Section is { } section)
        {
            var granted = await permissions.GetAsync(caller, section, http.RequestAborted);
            if (!granted.Allows(access.Operation)) return PermissionMissing(section, access.Operation, granted).ToResult();
        }
        return null;
    }

    /// <summary>The 403 for a role that lacks a section permission; it names the section and what is needed.</summary>
    public static Problem PermissionMissing(Section section, Operation operation, Permission granted)
    {
        var name = section.Name();
        var needed = operation == Operation.Read ? "read" : "modify";
        // The type itself names the permission (…/permission-missing/invoices/read) so clients can branch on it.
        return new Problem(StatusCodes.Status403Forbidden, $"{ProblemTypes.PermissionMissing}/{name}/{needed}", "Your role does not allow this.",
            $"This needs '{needed}' permission on section '{name}'; your role grants '{granted.Name()}'.")
        {
            Extensions = new Dictionary<string, object?> { ["section"] = name, ["required"] = needed },
        };
    }
}
