using Microsoft.EntityFrameworkCore;
using Tollgate.Data.Switching;
using SipRegistration = Tollgate.Data.Switching.SipRegistration;
using Tollgate.Switch.Tests.Support;

namespace Tollgate.Switch.Tests;

/// <summary>Registration, authorisation, routing and the set-up of calls through the switch, with real sipp phones and gateways.</summary>
[Collection(SippCollection.Name)]
public abstract class CallSetupTests(SwitchFixture f)
{
    private async Task<List<SipRegistration>> BindingsAsync(Line line)
    {
        await using var db = f.App.Database();
        return await db.Set<SipRegistration>().AsNoTracking().Where(r => r.AccountId == line.Key).ToListAsync();
    }

    [Fact]
    public async Task Register_WithDigestCredentials_BindsTheContactUntilItExpires()
    {
        var customer = await f.CustomerAsync();
        var (alice, bob) = (await f.AccountAsync(customer), await f.AccountAsync(customer));
        var phonePort = Sipp.FreePort();

        await using (var wrong = Sipp.Start(SippScript.Register(bob.AccountId, "not-the-password", phonePort, expectedStatus: 403), f.Udp))
            await wrong.SucceedsAsync("REGISTER with a wrong password, refused");
        (await BindingsAsync(bob)).ShouldBeEmpty();

        await using (var register = Sipp.Start(SippScript.Register(bob.AccountId, bob.Password, phonePort, expires: 600, userAgent: "Yealink SIP-T46S 66.86.0.15"), f.Udp))
        {
            var run = await register.SucceedsAsync("REGISTER");
            run.Received.Last().Header("Contact").ShouldBe($"<sip:{bob.AccountId}@127.0.0.1:{phonePort};transport=udp>;expires=600");
            var binding = (await BindingsAsync(bob)).ShouldHaveSingleItem();
            binding.ContactUri.ShouldBe($"sip:{bob.AccountId}@127.0.0.1:{phonePort};transport=udp");
            binding.UserAgent.ShouldBe("Yealink SIP-T46S 66.86.0.15");
            binding.Source.ShouldBe($"udp:127.0.0.1:{register.Port}");
            binding.ExpiresAt.ShouldBe(f.Now.AddSeconds(600));
        }

        // Once the binding has expired the account is unreachable, though nobody deleted the row.
        f.Advance(TimeSpan.FromSeconds(601));
        await using (var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).ExpectFailure(480), bob.AccountId))
        {
            var run = await caller.SucceedsAsync("caller");
            run.Received.Single(m => m.Status == 480).StartLine.ShouldBe("SIP/2.0 480 Not Registered");
        }

        await using (var again = Sipp.Start(SippScript.Register(bob.AccountId, bob.Password, phonePort), f.Udp))
            await again.SucceedsAsync("REGISTER again");
        (await BindingsAsync(bob)).Count.ShouldBe(1);
        await using (var remove = Sipp.Start(SippScript.Register(bob.AccountId, bob.Password, phonePort, expires: 0), f.Udp))
            await remove.SucceedsAsync("REGISTER with Expires: 0");
        (await BindingsAsync(bob)).ShouldBeEmpty();

        f.Logs.Lines.ShouldContain(l => l.Contains(bob.AccountId, StringComparison.Ordinal), "the registrar does log, at debug level");
        f.Logs.Lines.ShouldNotContain(l => l.Contains(bob.Password, StringComparison.Ordinal), "a SIP password never appears in a log");
    }

    [Fact]
    public async Task BlockedAccount_IsRefused_AndTheAttemptIsRecorded()
    {
        var admin = await f.App.AdminAsync();
        var customer = await f.CustomerAsync();
        var (alice, bob) = (await f.AccountAsync(customer), await f.AccountAsync(customer));
        (await admin.PostAsync($"/api/v1/accounts/{alice.Key}/block")).ShouldHave(HttpStatusCode.OK);
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer().ReceiveBye());

        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).ExpectFailure(403), bob.AccountId);
        var run = await caller.SucceedsAsync("caller");
        run.Received.Single(m => m.Status == 403).StartLine.ShouldBe("SIP/2.0 403 Account Blocked");
        phone.HasExited.ShouldBeFalse("the callee's phone was never called");

        var cdr = await f.CdrAsync(c => c.CallerAccountId == alice.Key, "the CDR of the refused attempt");
        (cdr.DisconnectReason, cdr.DisconnectSide, cdr.FinalSipStatus, cdr.ConnectAt, cdr.BilledSeconds).ShouldBe(("refused", "switch", 403, null, 0));
    }

    [Fact]
    public async Task CancelBeforeAnswer_CancelsTheCallee_AndTheCdrSaysCancelled()
    {
        var customer = await f.CustomerAsync();
        var (alice, bob) = (await f.AccountAsync(customer), await f.AccountAsync(customer));
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().ReceiveCancel());
        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).CancelWhenRinging(), bob.AccountId);

        var callerRun = await caller.SucceedsAsync("caller");
        var calleeRun = await phone.SucceedsAsync("callee");
        calleeRun.ReceivedSummary.ShouldBe(["INVITE", "CANCEL", "ACK"]);
        var callId = callerRun.Sent[0].Header("Call-ID")!;
        var cdr = await f.CdrAsync(callId);
        (cdr.DisconnectReason, cdr.DisconnectSide, cdr.FinalSipStatus, cdr.ConnectAt).ShouldBe(("cancelled", "caller", 487, null));
        cdr.CalleeAccountId.ShouldBe(bob.Key);
    }

    [Fact]
    public async Task BusyCallee_IsPassedOnAsBusy()
    {
        var customer = await f.CustomerAsync();
        var (alice, bob) = (await f.AccountAsync(customer), await f.AccountAsync(customer));
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Refuse(486, "Busy Here"));
        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).ExpectFailure(486), bob.AccountId);

        var callerRun = await caller.SucceedsAsync("caller");
        await phone.SucceedsAsync("callee");
        var cdr = await f.CdrAsync(callerRun.Sent[0].Header("Call-ID")!);
        (cdr.DisconnectReason, cdr.DisconnectSide, cdr.FinalSipStatus).ShouldBe(("busy", "callee", 486));
    }

    [Fact]
    public async Task ExtensionAndDid_ReachTheAccountBehindThem_WithinTheCallersCustomer()
    {
        var admin = await f.App.AdminAsync();
        var product = (await admin.PostAsync("/api/v1/products", new { name = TestData.Unique("Hosted PBX"), kind = "main" })).ShouldHave(HttpStatusCode.Created).Id;
        var (abc, other) = (await f.CustomerAsync(), await f.CustomerAsync());
        async Task<Line> ExtensionAsync(long customer, string number)
        {
            var created = (await admin.PostAsync($"/api/v1/customers/{customer}/extensions", new { extension = number, name = $"Ext {number}", productId = product }))
                .ShouldHave(HttpStatusCode.Created);
            var account = created["account"];
            return new Line(account.GetProperty("accountId").GetString()!, account.GetProperty("id").GetInt64(),
                created["sip"].GetProperty("password").GetString()!, customer);
        }

        var (john, mary, stranger) = (await ExtensionAsync(abc, "201"), await ExtensionAsync(abc, "202"), await ExtensionAsync(other, "202"));
        var did = "1209555" + Lines.Digits(4);
        (await admin.PostAsync($"/api/v1/accounts/{mary.Key}/aliases", new { alias = did })).ShouldHave(HttpStatusCode.Created);

        // John dials 202: Mary, his colleague, not the other customer's extension 202 (whose phone is not registered).
        await using (var phone = await f.PhoneAsync(mary, new SippScript(mary.AccountId).ReceiveInvite().Ring().Answer().Hangup()))
        await using (var caller = f.Call(new SippScript(john.AccountId).Invite("202", john.Password).ExpectAnswer().ReceiveBye(), "202"))
        {
            await phone.SucceedsAsync("Mary");
            var callerRun = await caller.SucceedsAsync("John");
            var cdr = await f.CdrAsync(callerRun.Sent[0].Header("Call-ID")!);
            (cdr.CalledNumber, cdr.CalleeAccountId, cdr.CallerAccountId).ShouldBe(("202", mary.Key, john.Key));
        }

        // Anybody, here the other customer's extension, reaches Mary at her DID, dialled with '+'.
        await using (var phone = await f.PhoneAsync(mary, new SippScript(mary.AccountId).ReceiveInvite().Ring().Answer().Hangup()))
        await using (var caller = f.Call(new SippScript(stranger.AccountId).Invite("+" + did, stranger.Password).ExpectAnswer().ReceiveBye(), "+" + did))
        {
            var calleeRun = await phone.SucceedsAsync("Mary");
            var callerRun = await caller.SucceedsAsync("the stranger");
            calleeRun.ReceivedRequests("INVITE").Single().StartLine.ShouldStartWith($"INVITE sip:{mary.AccountId}@127.0.0.1:{phone.Port}");
            var cdr = await f.CdrAsync(callerRun.Sent[0].Header("Call-ID")!);
            (cdr.CalledNumber, cdr.CalleeAccountId, cdr.CallerAccountId).ShouldBe((did, mary.Key, stranger.Key));
        }
    }

    [Fact]
    public async Task OutgoingConnection_TakesTheLongestPrefix_AndItsPolicyForbidsUpdateOnTheVendorLeg()
    {
        var admin = await f.App.AdminAsync();
        var customer = await f.CustomerAsync();
        var shortPrefix = "8" + Lines.Digits(7);
        // A call that leaves by a vendor needs a rate for its destination (rating refuses it otherwise).
        var alice = await f.AccountAsync(customer, new Dictionary<string, object?> { ["productId"] = await f.RatedProductAsync(await f.TariffAsync(shortPrefix, 0.02m)) });
        var forbid = await f.PolicyAsync(forbidUpdate: true);
        var number = shortPrefix + "5" + Lines.Digits(4);
        var vendor = Sipp.Start(new SippScript(number).ReceiveInvite().Ring().Answer(SippScript.AllowWithUpdate).ReceiveReInvite().Hangup().ToXml());
        await using var _ = vendor;
        var wide = (await admin.PostAsync("/api/v1/connections", new
        {
            name = TestData.Unique("Wide"), direction = "outgoing", address = $"127.0.0.1:{Sipp.FreePort()}", prefixes = new[] { shortPrefix },
        })).ShouldHave(HttpStatusCode.Created).Id;
        var narrow = (await admin.PostAsync("/api/v1/connections", new
        {
            name = TestData.Unique("Narrow"), direction = "outgoing", address = $"127.0.0.1:{vendor.Port}", prefixes = new[] { shortPrefix + "5" },
            servicePolicyId = forbid,
        })).ShouldHave(HttpStatusCode.Created).Id;

        await using var caller = f.Call(new SippScript(alice.AccountId).Invite("+" + number, alice.Password).ExpectAnswer().ReceiveUpdate().ReceiveBye(), "+" + number);
        var call = await f.ConnectedAsync(alice.AccountId, vendor, caller);
        f.Advance(SwitchFixture.Interval);

        var vendorRun = await vendor.SucceedsAsync("vendor");
        await caller.SucceedsAsync("caller");
        var invite = vendorRun.ReceivedRequests("INVITE")[0];
        invite.StartLine.ShouldBe($"INVITE sip:{number}@127.0.0.1:{vendor.Port} SIP/2.0");
        invite.Allow.ShouldNotContain("UPDATE", "the connection's policy forbids UPDATE towards this vendor");
        var cdr = await f.CdrAsync(call.CallId);
        (cdr.OutgoingConnectionId, cdr.CalledNumber, cdr.CalleeAccountId).ShouldBe((narrow, number, null));
        (cdr.CallerKeepAlive, cdr.CalleeKeepAlive).ShouldBe(("update", "reinvite"));
        (await admin.DeleteAsync($"/api/v1/connections/{wide}")).ShouldHave(HttpStatusCode.NoContent);
        (await admin.DeleteAsync($"/api/v1/connections/{narrow}")).ShouldHave(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task IncomingConnection_IsTrustedByItsAddress_AndItsPolicyForbidsUpdateOnTheVendorLeg()
    {
        var admin = await f.App.AdminAsync();
        var customer = await f.CustomerAsync();
        var bob = await f.AccountAsync(customer);
        var forbid = await f.PolicyAsync(forbidUpdate: true);
        var vendorPort = Sipp.FreePort();
        var connection = (await admin.PostAsync("/api/v1/connections", new
        {
            name = TestData.Unique("Carrier in"), direction = "incoming", address = $"127.0.0.1:{vendorPort}", servicePolicyId = forbid,
        })).ShouldHave(HttpStatusCode.Created).Id;
        var from = "1604" + Lines.Digits(7);
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer().ReceiveUpdate().Hangup());
        await using var vendor = f.Call(new SippScript(from).Invite(bob.AccountId, password: null).ExpectAnswer().ReceiveReInvite().ReceiveBye(), bob.AccountId,
            port: vendorPort);

        var call = await f.ConnectedAsync(from, phone, vendor);
        f.Advance(SwitchFixture.Interval);

        await phone.SucceedsAsync("callee");
        var vendorRun = await vendor.SucceedsAsync("vendor");
        vendorRun.Received.ShouldNotContain(m => m.Status == 407, "calls from a trusted address are not challenged");
        vendorRun.Received.First(m => m.Status == 200).Allow.ShouldNotContain("UPDATE");
        var cdr = await f.CdrAsync(call.CallId);
        (cdr.IncomingConnectionId, cdr.CallerAccountId, cdr.CalleeAccountId, cdr.AccountId).ShouldBe((connection, null, bob.Key, bob.Key));
        (cdr.CallerKeepAlive, cdr.CalleeKeepAlive).ShouldBe(("reinvite", "update"));
        (await admin.DeleteAsync($"/api/v1/connections/{connection}")).ShouldHave(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task CallOverTcp_IsSetUpWatchedAndEnded()
    {
        var customer = await f.CustomerAsync();
        var (alice, bob) = (await f.AccountAsync(customer), await f.AccountAsync(customer));
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer().ReceiveUpdate().Hangup(), "tcp");
        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).ExpectAnswer().ReceiveUpdate().ReceiveBye(),
            bob.AccountId, "tcp");

        var call = await f.ConnectedAsync(alice.AccountId, phone, caller);
        f.Advance(SwitchFixture.Interval);
        var calleeRun = await phone.SucceedsAsync("callee");
        await caller.SucceedsAsync("caller");
        calleeRun.ReceivedRequests("INVITE").Single().Header("Via")!.ShouldStartWith("SIP/2.0/TCP");
        var cdr = await f.CdrAsync(call.CallId);
        (cdr.CallerKeepAlive, cdr.CalleeKeepAlive, cdr.DisconnectReason).ShouldBe(("update", "update", "normal"));
    }

    [Fact]
    public async Task PartyRefreshes_AreAnsweredByTheSwitch_WhileRealSessionChangesAreRelayed()
    {
        var customer = await f.CustomerAsync();
        var (alice, bob) = (await f.AccountAsync(customer), await f.AccountAsync(customer));
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer().ReceiveReInvite().ReceiveBye());
        var script = new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).ExpectAnswer()
            .SendUpdate(sessionExpires: "60", status: 422)
            .SendUpdate(sessionExpires: "1800;refresher=uac", status: 200)
            .SendReInvite()
            .SendReInvite(change: "sendonly")
            .Hangup();
        await using var caller = f.Call(script, bob.AccountId);

        var callerRun = await caller.SucceedsAsync("caller");
        var calleeRun = await phone.SucceedsAsync("callee");
        callerRun.Received.Single(m => m.Status == 422).Header("Min-SE").ShouldBe("90");
        var refreshed = callerRun.Received.Single(m => m.Status == 200 && m.Header("CSeq")!.EndsWith("UPDATE", StringComparison.Ordinal));
        refreshed.Header("Session-Expires").ShouldStartWith("1800");
        calleeRun.ReceivedRequests("UPDATE").ShouldBeEmpty("refreshes are answered, not relayed");
        var invites = calleeRun.ReceivedRequests("INVITE");
        invites.Count.ShouldBe(2, "the initial INVITE and the one real change (hold)");
        invites[1].Body.ShouldContain("a=sendonly");
        invites[1].Origin.ShouldBe($"o={alice.AccountId} 4242 2 IN IP4 127.0.0.1");
        var answers = callerRun.Received.Where(m => m.Status == 200 && m.Header("CSeq")!.EndsWith("INVITE", StringComparison.Ordinal)).ToList();
        answers.Count.ShouldBe(3);
        answers.Select(a => a.Origin).Distinct().ShouldBe([$"o={bob.AccountId} 4242 1 IN IP4 127.0.0.1"], "every answer is the callee's SDP");
    }
}

public sealed class CallSetupTestsOnSqlite(SqliteSwitch f) : CallSetupTests(f), IClassFixture<SqliteSwitch>;

public sealed class CallSetupTestsOnPostgres(PostgresSwitch f) : CallSetupTests(f), IClassFixture<PostgresSwitch>;
