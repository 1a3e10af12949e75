using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tollgate.Api.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Tests.Access;

/// <summary>
/// Endpoints that stand in for the extensions and invoices features (built in their own branches): declared with the
/// same <c>.Allow(…)</c> as real endpoints, so the access check they go through is exactly the real one.
/// </summary>
public static class SectionProbes
{
    public const string Extensions = "/api/v1/test-probes/extensions";
    public const string Invoices = "/api/v1/test-probes/invoices";

    public static void Map(RouteGroupBuilder api)
    {
        var probes = api.MapGroup("/test-probes");
        probes.MapPatch("/extensions", () => TypedResults.Ok(new { changed = true }))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify);
        probes.MapGet("/invoices", () => TypedResults.Ok(new { items = Array.Empty<object>() }))
            .Allow(Realms.Staff | Realms.Customer, Section.Invoices, Operation.Read);
    }
}

public sealed class AbcSqliteApp() : SmtpAppFixture(DbKind.Sqlite)
{
    protected override Action<RouteGroupBuilder> MapApi => SectionProbes.Map;
}

public sealed class AbcPostgresApp() : SmtpAppFixture(DbKind.Postgres)
{
    protected override Action<RouteGroupBuilder> MapApi => SectionProbes.Map;
}
