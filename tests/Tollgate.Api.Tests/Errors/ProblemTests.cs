using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Errors;

/// <summary>Every error is an RFC 9457 problem with a stable type, and a failed request leaves the data as it was.</summary>
public abstract class ProblemTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task MalformedJson_Is400WithWhereItBroke()
    {
        var admin = await App.AdminAsync();
        var response = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/customers", "{\"name\": \"Bob\",\n \"currency\": }");
        response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedJson);
        response["detail"].GetString()!.ShouldContain("line 2");
    }

    [Fact]
    public async Task WrongTypesUnknownAndMissingFields_AreAllListedAtOnce()
    {
        var admin = await App.AdminAsync();
        var response = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/customers",
            """{"name": 42, "resellerId": "abc", "billingPeriod": "yearly", "colour": "red"}""");
        response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        response.ErrorsFor("name").ShouldBe(["must be a string"]);
        response.ErrorsFor("resellerId").ShouldBe(["must be an integer or null"]);
        response.ErrorsFor("billingPeriod").Single().ShouldStartWith("must be one of: daily, weekly");
        response.ErrorsFor("colour").ShouldBe(["is not a known field"]);
        response.ErrorsFor("currency").ShouldBe(["is required"]);
        response.ErrorsFor("timeZone").ShouldBe(["is required"]);
    }

    [Fact]
    public async Task RuleViolations_AreAllListedAtOnce()
    {
        var admin = await App.AdminAsync();
        var response = await admin.PostAsync("/api/v1/customers", new
        {
            name = " ", currency = "XYZ", timeZone = "Mars/Olympus", email = "not-an-email", password = "long-enough-password",
        });
        response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        response.ErrorsFor("name").ShouldNotBeEmpty();
        response.ErrorsFor("currency").ShouldNotBeEmpty();
        response.ErrorsFor("timeZone").ShouldNotBeEmpty();
        response.ErrorsFor("email").ShouldNotBeEmpty();
        response.ErrorsFor("login").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task NullForRequiredField_IsNamed()
    {
        var admin = await App.AdminAsync();
        var response = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/resellers", """{"name": null, "currency": "USD", "timeZone": "UTC"}""");
        response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("name").ShouldBe(["must not be null"]);
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AreProblems()
    {
        var admin = await App.AdminAsync();
        (await admin.GetAsync("/api/v1/no-such-thing")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.RouteNotFound);
        (await admin.DeleteAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed);
    }

    [Fact]
    public async Task MissingToken_Is401Problem()
    {
        var response = await App.Anonymous().GetAsync("/api/v1/customers");
        response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        response.Headers["WWW-Authenticate"].ShouldBe("Bearer");
    }

    [Fact]
    public async Task NonJsonBody_Is415()
    {
        var admin = await App.AdminAsync();
        (await admin.SendRawAsync(HttpMethod.Post, "/api/v1/customers", "name=Bob", "application/x-www-form-urlencoded"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task OversizedBody_Is413AndStoresNothing()
    {
        var admin = await App.AdminAsync();
        var name = new string('x', 2 << 20);
        (await admin.PostAsync("/api/v1/customers", new { name, currency = "USD", timeZone = "UTC" }))
            .ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    [Fact]
    public async Task BadQueryParameter_NamesTheParameter()
    {
        var admin = await App.AdminAsync();
        (await admin.GetAsync("/api/v1/customers?resellerId=abc")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("resellerId").ShouldNotBeEmpty();
        (await admin.GetAsync("/api/v1/customers?status=sleeping")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("status").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task FailedPatch_LeavesTheObjectAsItWas()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("keep");
        var taken = TestData.Unique("taken");
        var id = await admin.CreateCustomerAsync(login: login);
        await admin.CreateCustomerAsync(login: taken);
        (await admin.PatchAsync($"/api/v1/customers/{id}", new { name = "Changed", login = taken }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        (await admin.PatchAsync($"/api/v1/customers/{id}", new { name = "Changed", timeZone = "Nowhere/Else" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        (await admin.PatchAsync($"/api/v1/customers/{id}", new { currency = "EUR" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("currency").ShouldNotBeEmpty();

        await using var db = App.Database();
        var stored = await db.Customers.Include(c => c.Credential).SingleAsync(c => c.Id == id);
        stored.Name.ShouldNotBe("Changed");
        stored.Credential!.Login.ShouldBe(login);
        stored.Currency.ShouldBe("USD");
        await App.SignInAsync("customer", login, TestData.Password);
    }

    [Fact]
    public async Task ProblemBodies_CarryInstanceAndTraceId()
    {
        var admin = await App.AdminAsync();
        var response = await admin.GetAsync("/api/v1/customers/123456789");
        response["instance"].GetString().ShouldBe("/api/v1/customers/123456789");
        response["traceId"].GetString().ShouldBe(response.Headers["X-Request-Id"]);
    }
}

public sealed class ProblemTestsOnSqlite(SqliteApp app) : ProblemTests(app), IClassFixture<SqliteApp>;

public sealed class ProblemTestsOnPostgres(PostgresApp app) : ProblemTests(app), IClassFixture<PostgresApp>;
