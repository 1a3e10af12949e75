using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tollgate.Api.Problems;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Access;

/// <summary>Enforces each endpoint's <see cref="EndpointAccess"/>: sign-in, realm, and the customer's section permission.</summary>
/// <remarks>Runs for every endpoint of the API group, so no handler has to remember it.</remarks>
public sealed class AccessFilter(CallerAccessor callers, IPermissionSource permissions) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.GetEndpoint()?.Metadata.GetMetadata<EndpointAccess>()
                     ?? throw new InvalidOperationException($"Endpoint '{http.GetEndpoint()?.DisplayName}' declares no access rule.");
        if (access.Anonymous) return await next(context);

        var caller = callers.Caller;
        if (caller is null)
        {
            var problem = await Auth.AuthServices.UnauthorizedAsync(http, null);
            if (problem.Type == ProblemTypes.InvalidToken) http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            else http.Response.Headers.WWWAuthenticate = "Bearer";
            return problem.ToResult();
        }
        if (!access.Realms.Contains(caller.Realm))
            return Problem.Forbidden($"The {caller.Realm.WireName()} realm may not use this endpoint.").ToResult();

        if (caller.Realm == Realm.Customer && !access.AnySignedIn && access.Section is { } section)
        {
            var granted = await permissions.GetAsync(caller, section, http.RequestAborted);
            if (!granted.Allows(access.Operation)) return PermissionMissing(section, access.Operation, granted).ToResult();
        }
        return await next(context);
    }

    /// <summary>The 403 for a role that lacks a section permission; it names the section and what is needed.</summary>
    public static Problem PermissionMissing(Section section, Operation operation, Permission granted)
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(section.ToString());
        var needed = operation == Operation.Read ? "read" : "modify";
        // The type itself names the permission (…/permission-missing/invoices/read) so clients can branch on it.
        return new Problem(StatusCodes.Status403Forbidden, $"{ProblemTypes.PermissionMissing}/{name}/{needed}", "Your role does not allow this.",
            $"This needs '{needed}' permission on section '{name}'; your role grants '{granted.ToString().ToLowerInvariant()}'.")
        {
            Extensions = new Dictionary<string, object?> { ["section"] = name, ["required"] = needed },
        };
    }
}
