namespace Tollgate.Switch.Tests.Support;

/// <summary>An account a phone uses: its account id (the SIP user name), its key and its SIP password.</summary>
public sealed record Line(string AccountId, long Key, string Password, long CustomerId);

/// <summary>Creates customers and accounts through the API, as a provider would before phones register and call.</summary>
public static class Lines
{
    /// <summary><paramref name="count"/> random digits, to make numbers and prefixes no other test uses.</summary>
    public static string Digits(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + Random.Shared.Next(10))));

    public static async Task<long> CustomerAsync(this SwitchFixture f) => await (await f.App.AdminAsync()).CreateCustomerAsync();

    /// <summary>An account of <paramref name="customerId"/> with a known SIP password; <paramref name="extra"/> adds members (productId, servicePolicyId).</summary>
    public static async Task<Line> AccountAsync(this SwitchFixture f, long customerId, IDictionary<string, object?>? extra = null)
    {
        var admin = await f.App.AdminAsync();
        var accountId = TestData.Unique("line");
        var password = TestData.Unique("Sip-Pass");
        var body = new Dictionary<string, object?> { ["accountId"] = accountId, ["customerId"] = customerId, ["sipPassword"] = password };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>()) body[key] = value;
        var created = (await admin.PostAsync("/api/v1/accounts", body)).ShouldHave(HttpStatusCode.Created);
        return new Line(accountId, created.Id, password, customerId);
    }

    /// <summary>
    /// A tariff in <paramref name="currency"/> pricing calls to <paramref name="prefix"/> at <paramref name="pricePerMinute"/>,
    /// charged per second; returns its id. Calls that leave by a vendor connection need a rate: rating refuses the others.
    /// </summary>
    public static async Task<long> TariffAsync(this SwitchFixture f, string prefix, decimal pricePerMinute, string currency = "USD")
    {
        var admin = await f.App.AdminAsync();
        var tariff = (await admin.PostAsync("/api/v1/tariffs", new { name = TestData.Unique("Tariff"), currency })).ShouldHave(HttpStatusCode.Created).Id;
        (await admin.PostAsync($"/api/v1/tariffs/{tariff}/rates", new { prefix, pricePerMinute, firstInterval = 1, nextInterval = 1 }))
            .ShouldHave(HttpStatusCode.Created);
        return tariff;
    }

    /// <summary>A main product whose accounts' calls are rated at <paramref name="tariffId"/>; returns its id.</summary>
    public static async Task<long> RatedProductAsync(this SwitchFixture f, long tariffId) =>
        (await (await f.App.AdminAsync()).PostAsync("/api/v1/products", new { name = TestData.Unique("Voice"), kind = "main", tariffId }))
        .ShouldHave(HttpStatusCode.Created).Id;

    /// <summary>A service policy; returns its id.</summary>
    public static async Task<long> PolicyAsync(this SwitchFixture f, bool forbidUpdate = false, int? keepAliveInterval = null, string? pattern = null,
        int priority = 0)
    {
        var admin = await f.App.AdminAsync();
        return (await admin.PostAsync("/api/v1/service-policies", new
        {
            name = TestData.Unique("Policy"), forbidUpdateMethod = forbidUpdate, keepAliveInterval, sipEndpointPattern = pattern, matchPriority = priority,
        })).ShouldHave(HttpStatusCode.Created).Id;
    }

    /// <summary>A policy that keeps a leg quiet during a test (one keep-alive an hour), so only the other leg is watched.</summary>
    public static Task<long> QuietPolicyAsync(this SwitchFixture f) => f.PolicyAsync(keepAliveInterval: 3600);

    /// <summary>Starts <paramref name="callee"/>'s scenario as <paramref name="line"/>'s phone and registers it (digest) with the switch.</summary>
    public static async Task<Sipp> PhoneAsync(this SwitchFixture f, Line line, SippScript callee, string transport = "udp", string? userAgent = null)
    {
        var phone = Sipp.Start(callee.ToXml(), transport: transport);
        await using var register = Sipp.Start(SippScript.Register(line.AccountId, line.Password, phone.Port, transport, userAgent: userAgent),
            f.Endpoint(transport), transport);
        await register.SucceedsAsync($"REGISTER of {line.AccountId}");
        return phone;
    }

    /// <summary>Starts <paramref name="caller"/>'s scenario against the switch; its INVITE goes to <paramref name="destination"/>.</summary>
    public static Sipp Call(this SwitchFixture f, SippScript caller, string destination, string transport = "udp", int? port = null)
    {
        var to = f.Endpoint(transport);
        return Sipp.Start(caller.ToXml(), to, transport, port, authUri: $"{destination}@{to}");
    }
}
