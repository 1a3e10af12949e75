using System.Globalization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Tests.Access;

/// <summary>
/// Walks every customer-realm endpoint the running app has (found through its endpoint metadata, not a list kept here)
/// as the customer's main login and as an individual for every section setting, and checks that exactly the callers
/// whose role lacks the endpoint's section permission get the permission-missing 403.
/// </summary>
/// <remarks>
/// Requests are built from the route pattern alone: route values come from data this test creates, bodies are empty
/// JSON objects. A 400, 404 or 422 still shows the permission check let the request through (it runs before anything
/// of the request is read); only the 403 with the permission-missing type shows it did not. An endpoint added later
/// is walked the same way, and one without a section fails here.
/// </remarks>
public abstract class PermissionMatrixTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private sealed record Probe(RouteEndpoint Endpoint, EndpointAccess Access, string Method)
    {
        public override string ToString() => $"{Method} {Endpoint.RoutePattern.RawText}";
    }

    private sealed record Caller(string Name, Section? Section, Permission Permission, TestIndividual? Individual, string Login, string Password)
    {
        public ApiClient? Client { get; set; }

        public bool Allows(EndpointAccess access) => Individual is null || (Section == access.Section && Permission.Allows(access.Operation));
    }

    [Fact]
    public async Task EveryCustomerRealmEndpoint_IsRefusedExactlyWhenTheRoleLacksItsSection()
    {
        var probes = CustomerRealmEndpoints();
        probes.Count.ShouldBeGreaterThanOrEqualTo(13, "customers, accounts, individuals and allowed roles at least");

        var admin = await App.AdminAsync();
        var mainLogin = TestData.Unique("matrix");
        var customer = await admin.CreateCustomerAsync(login: mainLogin);
        var account = await admin.CreateAccountAsync(customer);
        var callers = new List<Caller> { new("main login", null, Permission.Modify, null, mainLogin, TestData.Password) };
        var roles = new List<long>();
        foreach (var section in SectionNames.All)
        {
            foreach (var permission in Enum.GetValues<Permission>().Where(p => p <= section.Highest()))
            {
                var role = await admin.CreateRoleAsync(new Dictionary<string, string> { [section.Name()] = permission.Name() });
                roles.Add(role);
                callers.Add(new Caller($"{section.Name()}: {permission.Name()}", section, permission, null, "", AccessTestData.IndividualPassword));
            }
        }
        var nothing = await admin.CreateRoleAsync(new { });
        await admin.AllowRolesAsync(customer, [.. roles, nothing]);
        for (var i = 1; i < callers.Count; i++)
        {
            var individual = await admin.CreateIndividualAsync(customer, roles[i - 1]);
            callers[i] = callers[i] with { Individual = individual, Login = individual.Login };
        }
        var target = await admin.CreateIndividualAsync(customer, nothing);
        foreach (var caller in callers.Where(c => c.Individual is not null))
            await App.SetPasswordFromEmailAsync(fixture.Mail, caller.Individual!);

        var values = new Dictionary<string, long> { ["customers"] = customer, ["accounts"] = account, ["iid"] = target.Id };
        var wrong = new List<string>();
        foreach (var caller in callers)
        {
            caller.Client = await App.SignInAsync("customer", caller.Login, caller.Password);
            foreach (var probe in probes)
            {
                var response = await SendAsync(caller, probe, values);
                var refused = response.Status == HttpStatusCode.Forbidden && response.ProblemType?.StartsWith(ProblemTypes.PermissionMissing) == true;
                if (caller.Allows(probe.Access))
                {
                    if (refused || (int)response.Status >= 500) wrong.Add($"{caller.Name}: {probe} should pass the permission check but answered {(int)response.Status} {response.Text}");
                }
                else
                {
                    var expected = $"{ProblemTypes.PermissionMissing}/{probe.Access.Section!.Value.Name()}/{(probe.Access.Operation == Operation.Read ? "read" : "modify")}";
                    if (response.ProblemType != expected || response.Status != HttpStatusCode.Forbidden)
                        wrong.Add($"{caller.Name}: {probe} should be refused with {expected} but answered {(int)response.Status} {response.Text}");
                }
            }
        }
        wrong.ShouldBeEmpty(string.Join(Environment.NewLine, wrong));
    }

    private List<Probe> CustomerRealmEndpoints()
    {
        var probes = new List<Probe>();
        foreach (var endpoint in App.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true))
        {
            var access = endpoint.Metadata.GetMetadata<EndpointAccess>();
            access.ShouldNotBeNull($"{endpoint.DisplayName} declares no access rule");
            if (!access.Realms.HasFlag(Realms.Customer) || access.AnySignedIn || access.Anonymous) continue;
            access.Section.ShouldNotBeNull($"{endpoint.DisplayName} is open to customers but names no permission section");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                probes.Add(new Probe(endpoint, access, method));
        }
        return probes;
    }

    private async Task<ApiResponse> SendAsync(Caller caller, Probe probe, Dictionary<string, long> values)
    {
        var path = PathOf(probe.Endpoint.RoutePattern, values);
        var body = probe.Method is "POST" or "PUT" or "PATCH" ? "{}" : null;
        var response = await caller.Client!.SendRawAsync(new HttpMethod(probe.Method), path, body);
        if (response.Status == HttpStatusCode.Unauthorized)
        {
            // Something allowed earlier ended this caller's session (a password or role change): sign in again.
            caller.Client = await App.SignInAsync("customer", caller.Login, caller.Password);
            response = await caller.Client.SendRawAsync(new HttpMethod(probe.Method), path, body);
        }
        return response;
    }

    /// <summary>A concrete path for a route pattern: {id} after /customers or /accounts is that object, other numbers are known ids or 1.</summary>
    private static string PathOf(RoutePattern pattern, Dictionary<string, long> values)
    {
        var segments = new List<string>();
        string? previous = null;
        foreach (var segment in pattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart parameter => ValueOf(parameter, previous, values),
                _ => "",
            }));
            segments.Add(text);
            previous = text;
        }
        return "/" + string.Join('/', segments);
    }

    private static string ValueOf(RoutePatternParameterPart parameter, string? previous, Dictionary<string, long> values)
    {
        if (values.TryGetValue(parameter.Name, out var named)) return named.ToString(CultureInfo.InvariantCulture);
        if (previous is not null && values.TryGetValue(previous, out var ofCollection)) return ofCollection.ToString(CultureInfo.InvariantCulture);
        var numeric = parameter.ParameterPolicies.Any(p => p.Content is "long" or "int" or "decimal" or "double");
        return parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.Empty.ToString() : numeric ? "1" : "x";
    }
}

public sealed class PermissionMatrixTestsOnSqlite(SqliteApp app) : PermissionMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class PermissionMatrixTestsOnPostgres(PostgresApp app) : PermissionMatrixTests(app), IClassFixture<PostgresApp>;
