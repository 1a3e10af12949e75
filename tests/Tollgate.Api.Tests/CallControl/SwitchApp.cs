using System.Net;
using Tollgate.Api.Tests.Centrex;
using Tollgate.Switch;

namespace Tollgate.Api.Tests.CallControl;

/// <summary>A whole Tollgate process with the switch listening for SIP on a free loopback UDP port, as <c>tollgate up --sip</c> runs it.</summary>
public abstract class SwitchAppFixture(DbKind kind) : AppFixture(kind)
{
    /// <summary>Where the switch listens.</summary>
    public IPEndPoint Sip
    {
        get
        {
            var udp = App.Service<SwitchService>().Listening.First(l => l.StartsWith("udp:", StringComparison.Ordinal));
            var endPoint = IPEndPoint.Parse(udp["udp:".Length..]);
            return new IPEndPoint(endPoint.Address, endPoint.Port);
        }
    }

    protected override Task<TollgateTestApp> StartAppAsync() =>
        TollgateTestApp.StartAsync(Kind, new Dictionary<string, string?> { ["Tollgate:Sip"] = "udp:127.0.0.1:0" });
}

public sealed class SwitchSqliteApp() : SwitchAppFixture(DbKind.Sqlite);

public sealed class SwitchPostgresApp() : SwitchAppFixture(DbKind.Postgres);

/// <summary>
/// Tests with sipp peers run alone, after the parallel tests: sipp and the switch answer within milliseconds on an idle
/// machine, and running them beside a hundred database tests on two cores only makes their timing noisy.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SippCalls
{
    public const string Name = "sipp calls";
}

/// <summary>An extension of a test customer: its account, the number colleagues dial, and its SIP password.</summary>
public sealed record TestLine(string AccountId, long AccountKey, string Extension, string SipPassword);

/// <summary>An IP Centrex customer with extensions whose phones are sipp peers registered with the switch.</summary>
public static class CallWorld
{
    /// <summary>A customer with an agreement for any number of extensions; <see cref="PbxWorld.Self"/> is its main login.</summary>
    public static async Task<PbxWorld> CustomerAsync(TollgateTestApp app, bool viaReseller = false)
    {
        var world = await CentrexTestKit.BuildAsync(app, viaReseller);
        await world.PutAbcAgreementAsync();
        return world;
    }

    public static async Task<TestLine> LineAsync(this PbxWorld world, string extension)
    {
        var created = (await world.Self.CreateExtensionAsync(world.Customer, extension, world.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        return new TestLine(created.AccountName(), created.AccountKey(), extension,
            created["sip"].GetProperty("password").GetString()!);
    }

    /// <summary>Registers <paramref name="line"/> at <paramref name="phone"/>'s address with the switch.</summary>
    public static Task RegisterAsync(this SwitchAppFixture fixture, TestLine line, SippPhone phone) =>
        SipRegistration.RegisterAsync(fixture.Sip, line.AccountId, line.SipPassword, phone.Contact(line.AccountId));
}
