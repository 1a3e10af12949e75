using System.Net;
using Shouldly;

namespace Tollgate.Testing;

/// <summary>A customer individual a test created, with the address its credentials e-mail goes to.</summary>
public sealed record TestIndividual(long Id, long CustomerId, string Login, string Email);

/// <summary>Creates roles and individuals through the API, and completes credentials e-mails, for tests to build on.</summary>
public static class AccessTestData
{
    public const string IndividualPassword = "individual-password-1";

    /// <summary>A self-care role (or <paramref name="type"/>) with these permissions, e.g. <c>new { extensions = "modify" }</c>.</summary>
    public static async Task<long> CreateRoleAsync(this ApiClient admin, object permissions, string? name = null, string type = "customerSelfCare")
    {
        var response = await admin.PostAsync("/api/v1/roles", new { name = name ?? TestData.Unique("Role"), type, permissions });
        return response.ShouldHave(HttpStatusCode.Created).Id;
    }

    public static async Task AllowRolesAsync(this ApiClient staff, long customerId, params long[] roleIds) =>
        (await staff.PutAsync($"/api/v1/customers/{customerId}/allowed-roles", new { roleIds })).ShouldHave(HttpStatusCode.OK);

    public static async Task<TestIndividual> CreateIndividualAsync(this ApiClient caller, long customerId, long roleId,
        string? timeZone = null, string? activationDate = null, string? expirationDate = null, string? login = null, string firstName = "Pat")
    {
        login ??= TestData.Unique("ind");
        var email = $"{login}@example.test";
        var response = await caller.PostAsync($"/api/v1/customers/{customerId}/individuals",
            new { login, email, firstName, roleId, timeZone, activationDate, expirationDate });
        return new TestIndividual(response.ShouldHave(HttpStatusCode.Created).Id, customerId, login, email);
    }

    /// <summary>Waits for the individual's credentials e-mail and sets the password with its link.</summary>
    public static async Task SetPasswordFromEmailAsync(this TollgateTestApp app, Mailbox mail, TestIndividual individual,
        string password = IndividualPassword)
    {
        var message = await mail.WaitForAsync(individual.Email);
        var answer = await app.Anonymous().PostAsync("/api/v1/auth/set-password", new { token = Mailbox.TokenIn(message), password });
        answer.ShouldHave(HttpStatusCode.OK)["login"].GetString().ShouldBe(individual.Login);
    }

    /// <summary>Sets the individual's password from its e-mail and signs it in.</summary>
    public static async Task<ApiClient> ActivateAsync(this TollgateTestApp app, Mailbox mail, TestIndividual individual)
    {
        await app.SetPasswordFromEmailAsync(mail, individual);
        return await app.SignInAsync("customer", individual.Login, IndividualPassword);
    }
}
