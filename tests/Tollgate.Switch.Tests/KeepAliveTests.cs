using Tollgate.Switch.KeepAlive;
using Tollgate.Switch.Tests.Support;

namespace Tollgate.Switch.Tests;

/// <summary>Keep-alive call monitoring, with real sipp phones on both sides of the switch.</summary>
/// <remarks>
/// The switch's clock only moves when a test moves it, so each keep-alive is sent at a known instant: connected at
/// t0, the first keep-alive of a leg goes at t0 + interval, a keep-alive nobody answers fails one transaction timeout
/// after it was sent. CDR times are checked against those instants exactly.
/// </remarks>
[Collection(SippCollection.Name)]
public abstract class KeepAliveTests(SwitchFixture f)
{
    private static readonly TimeSpan Interval = SwitchFixture.Interval;
    private static readonly TimeSpan Timeout = SwitchFixture.TransactionTimeout;

    [Fact]
    public async Task PartiesAllowingUpdate_GetUpdateKeepAlivesWithoutSdp()
    {
        var customer = await f.CustomerAsync();
        var (alice, bob) = (await f.AccountAsync(customer), await f.AccountAsync(customer));
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer(SippScript.AllowWithUpdate)
            .ReceiveUpdate().Hangup());
        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password, SippScript.AllowWithUpdate)
            .ExpectAnswer().ReceiveUpdate().ReceiveBye(), bob.AccountId);

        var call = await f.ConnectedAsync(alice.AccountId, phone, caller);
        var connected = f.Now;
        f.Advance(Interval);

        var callee = await phone.SucceedsAsync("callee");
        var calling = await caller.SucceedsAsync("caller");
        callee.ReceivedRequests("INVITE").Single().Allow.ShouldContain("UPDATE", "the switch offers UPDATE to the callee");
        AnswerTo(calling).Allow.ShouldContain("UPDATE", "and to the caller");
        foreach (var update in callee.ReceivedRequests("UPDATE").Concat(calling.ReceivedRequests("UPDATE")))
        {
            update.Header("Content-Length").ShouldBe("0", "a keep-alive UPDATE carries no offer");
            update.Header("Content-Type").ShouldBeNull();
        }

        var cdr = await f.CdrAsync(call.CallId);
        (cdr.CallerKeepAlive, cdr.CalleeKeepAlive).ShouldBe(("update", "update"));
        (cdr.DisconnectReason, cdr.DisconnectSide).ShouldBe(("normal", "callee"));
        (cdr.CallerAccountId, cdr.CalleeAccountId).ShouldBe((alice.Key, bob.Key));
        cdr.ConnectAt.ShouldBe(connected);
        cdr.BilledEnd.ShouldBe(connected + Interval);
        cdr.BilledSeconds.ShouldBe((int)Interval.TotalSeconds);
    }

    [Fact]
    public async Task PartyAllowingOnlyInvite_OrSendingNoAllow_GetsReInvitesWithTheUnchangedSdp()
    {
        var customer = await f.CustomerAsync();
        var (alice, bob) = (await f.AccountAsync(customer), await f.AccountAsync(customer));
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer(SippScript.AllowInviteOnly)
            .ReceiveReInvite().Hangup());
        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password, allow: null)
            .ExpectAnswer().ReceiveReInvite().ReceiveBye(), bob.AccountId);

        var call = await f.ConnectedAsync(alice.AccountId, phone, caller);
        f.Advance(Interval);

        var callee = await phone.SucceedsAsync("callee");
        var calling = await caller.SucceedsAsync("caller");
        var invites = callee.ReceivedRequests("INVITE");
        invites.Count.ShouldBe(2);
        invites[1].Body.ShouldBe(invites[0].Body, "the keep-alive re-offers the caller's SDP as it was, o= version included");
        var reInvite = calling.ReceivedRequests("INVITE").Single();
        reInvite.Body.ShouldBe(AnswerTo(calling).Body, "the caller gets back the SDP it was answered with");
        reInvite.Origin.ShouldBe(callee.Sent.First(m => m.Status == 200).Origin);
        callee.ReceivedRequests("UPDATE").ShouldBeEmpty();
        calling.ReceivedRequests("UPDATE").ShouldBeEmpty();

        var cdr = await f.CdrAsync(call.CallId);
        (cdr.CallerKeepAlive, cdr.CalleeKeepAlive).ShouldBe(("reinvite", "reinvite"));
    }

    public enum PolicyPlace
    {
        CalleeProduct,
        CalleeAccount,
        CalleeUserAgentPattern,
        CallerAccount,
        CallerUserAgentPattern,
    }

    [Theory]
    [InlineData(PolicyPlace.CalleeProduct)]
    [InlineData(PolicyPlace.CalleeAccount)]
    [InlineData(PolicyPlace.CalleeUserAgentPattern)]
    [InlineData(PolicyPlace.CallerAccount)]
    [InlineData(PolicyPlace.CallerUserAgentPattern)]
    public async Task ForbidUpdateMethod_LeavesUpdateOutOfAllow_AndThatLegGetsReInvites(PolicyPlace place)
    {
        var admin = await f.App.AdminAsync();
        var customer = await f.CustomerAsync();
        var userAgent = $"Grandstream GXP2170 {Guid.NewGuid():N}";
        var forbid = await f.PolicyAsync(forbidUpdate: true,
            pattern: place is PolicyPlace.CalleeUserAgentPattern or PolicyPlace.CallerUserAgentPattern ? $"Polycom-{Guid.NewGuid():N}%,{userAgent[..36]}%" : null,
            priority: 5);
        var product = place == PolicyPlace.CalleeProduct
            ? (await admin.PostAsync("/api/v1/products", new { name = TestData.Unique("Voice"), kind = "main", servicePolicyId = forbid })).ShouldHave(HttpStatusCode.Created).Id
            : (long?)null;
        var alice = await f.AccountAsync(customer, place == PolicyPlace.CallerAccount ? new Dictionary<string, object?> { ["servicePolicyId"] = forbid } : null);
        var bob = await f.AccountAsync(customer, place switch
        {
            PolicyPlace.CalleeAccount => new Dictionary<string, object?> { ["servicePolicyId"] = forbid },
            PolicyPlace.CalleeProduct => new Dictionary<string, object?> { ["productId"] = product },
            _ => null,
        });
        var calleeForbidden = place is PolicyPlace.CalleeProduct or PolicyPlace.CalleeAccount or PolicyPlace.CalleeUserAgentPattern;

        var callee = new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer(SippScript.AllowWithUpdate);
        var calling = new SippScript(alice.AccountId)
            .Invite(bob.AccountId, alice.Password, SippScript.AllowWithUpdate, place == PolicyPlace.CallerUserAgentPattern ? userAgent : null).ExpectAnswer();
        (calleeForbidden ? callee.ReceiveReInvite() : callee.ReceiveUpdate()).Hangup();
        (calleeForbidden ? calling.ReceiveUpdate() : calling.ReceiveReInvite()).ReceiveBye();
        await using var phone = await f.PhoneAsync(bob, callee, userAgent: place == PolicyPlace.CalleeUserAgentPattern ? userAgent : "Yealink SIP-T46S");
        await using var caller = f.Call(calling, bob.AccountId);

        var call = await f.ConnectedAsync(alice.AccountId, phone, caller);
        (call.Callee.ForbidUpdate, call.Caller.ForbidUpdate).ShouldBe((calleeForbidden, !calleeForbidden));
        f.Advance(Interval);

        var calleeRun = await phone.SucceedsAsync("callee");
        var callerRun = await caller.SucceedsAsync("caller");
        var inviteToCallee = calleeRun.ReceivedRequests("INVITE")[0];
        var answerToCaller = AnswerTo(callerRun);
        (calleeForbidden ? inviteToCallee : answerToCaller).Allow.ShouldNotContain("UPDATE");
        (calleeForbidden ? answerToCaller : inviteToCallee).Allow.ShouldContain("UPDATE", "the other leg is not concerned");
        var cdr = await f.CdrAsync(call.CallId);
        (cdr.CallerKeepAlive, cdr.CalleeKeepAlive).ShouldBe(calleeForbidden ? ("update", "reinvite") : ("reinvite", "update"));
    }

    [Fact]
    public async Task CalleeFallingSilent_IsHungUpAfterTheRetry_AndBilledToTheFirstFailedKeepAlive()
    {
        var customer = await f.CustomerAsync();
        var alice = await f.AccountAsync(customer, new Dictionary<string, object?> { ["servicePolicyId"] = await f.QuietPolicyAsync() });
        var bob = await f.AccountAsync(customer);
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer(SippScript.AllowWithUpdate)
            .FallSilentUntilBye());
        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).ExpectAnswer().ReceiveBye(), bob.AccountId);

        var call = await f.ConnectedAsync(alice.AccountId, phone, caller);
        var connected = f.Now;
        f.Advance(Interval);
        await f.UntilCallAsync(call.CallId, c => c.Callee is { Sent: 1, Method: KeepAliveMethod.Update }, "the first keep-alive (UPDATE)", phone, caller);

        // Nothing comes back: Timer F ends the UPDATE; the retry is a re-INVITE, in case the phone only mishandles UPDATE.
        f.Advance(Timeout);
        await f.UntilCallAsync(call.CallId, c => c.Callee is { Sent: 2, Failures: 1, Method: KeepAliveMethod.ReInvite, FellBack: true },
            "the retry (re-INVITE)", phone, caller);
        f.Call(call.CallId).ShouldNotBeNull("one failed keep-alive is retried, not fatal");

        f.Advance(Timeout);
        var callerRun = await caller.SucceedsAsync("caller, hung up by the switch");
        var calleeRun = await phone.SucceedsAsync("callee, sent BYE too");
        calleeRun.ReceivedSummary.ShouldBe(["INVITE", "ACK", "UPDATE", "INVITE", "BYE"]);
        callerRun.ReceivedRequests("BYE").Count.ShouldBe(1);

        var cdr = await f.CdrAsync(call.CallId);
        (cdr.DisconnectReason, cdr.DisconnectSide).ShouldBe(("keepalive-failed", "callee"));
        cdr.BilledEnd.ShouldBe(connected + Interval, "billed to the moment the first failed keep-alive was sent");
        cdr.BilledSeconds.ShouldBe((int)Interval.TotalSeconds);
        cdr.DisconnectAt.ShouldBe(connected + Interval + 2 * Timeout);
        (cdr.DisconnectAt - cdr.ConnectAt!.Value).ShouldBeLessThanOrEqualTo(Interval + (1 + 1) * Timeout,
            "torn down within one interval plus the keep-alive and its one retry");
        cdr.CalleeKeepAlive.ShouldBe("reinvite");
    }

    [Theory]
    [InlineData(501)]
    [InlineData(405)]
    public async Task CalleeClaimingUpdateButRefusingIt_IsCheckedWithReInvitesFromThenOn(int refusal)
    {
        var customer = await f.CustomerAsync();
        var alice = await f.AccountAsync(customer, new Dictionary<string, object?> { ["servicePolicyId"] = await f.QuietPolicyAsync() });
        var bob = await f.AccountAsync(customer);
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer(SippScript.AllowWithUpdate)
            .ReceiveUpdate(refusal).ReceiveReInvite().Hangup());
        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).ExpectAnswer().ReceiveBye(), bob.AccountId);

        var call = await f.ConnectedAsync(alice.AccountId, phone, caller);
        var connected = f.Now;
        f.Advance(Interval);
        await f.UntilCallAsync(call.CallId, c => c.Callee is { Answered: 1, FellBack: true, Failures: 0 },
            $"the UPDATE answered {refusal}: the party is alive, but UPDATE is given up", phone, caller);
        f.Advance(Interval);

        var calleeRun = await phone.SucceedsAsync("callee");
        await caller.SucceedsAsync("caller");
        calleeRun.ReceivedSummary.ShouldBe(["INVITE", "ACK", "UPDATE", "INVITE", "ACK", "200"]);
        var cdr = await f.CdrAsync(call.CallId);
        (cdr.DisconnectReason, cdr.CalleeKeepAlive).ShouldBe(("normal", "reinvite"));
        cdr.BilledEnd.ShouldBe(connected + 2 * Interval, "a refused UPDATE is no failure");
    }

    [Fact]
    public async Task CalleeClaimingUpdateButIgnoringIt_FallsBackToReInvite_AndStaysUp()
    {
        var customer = await f.CustomerAsync();
        var alice = await f.AccountAsync(customer, new Dictionary<string, object?> { ["servicePolicyId"] = await f.QuietPolicyAsync() });
        var bob = await f.AccountAsync(customer);
        await using var phone = await f.PhoneAsync(bob, new SippScript(bob.AccountId).ReceiveInvite().Ring().Answer(SippScript.AllowWithUpdate)
            .ReceiveUpdate(status: null).ReceiveReInvite().Hangup());
        await using var caller = f.Call(new SippScript(alice.AccountId).Invite(bob.AccountId, alice.Password).ExpectAnswer().ReceiveBye(), bob.AccountId);

        var call = await f.ConnectedAsync(alice.AccountId, phone, caller);
        var connected = f.Now;
        f.Advance(Interval);
        await f.UntilCallAsync(call.CallId, c => c.Callee is { Sent: 1 }, "the UPDATE", phone, caller);
        f.Advance(Timeout);

        var calleeRun = await phone.SucceedsAsync("callee");
        await caller.SucceedsAsync("caller");
        calleeRun.ReceivedRequests("INVITE").Count.ShouldBe(2, "the retry after the unanswered UPDATE is a re-INVITE");
        var cdr = await f.CdrAsync(call.CallId);
        (cdr.DisconnectReason, cdr.DisconnectSide, cdr.CalleeKeepAlive).ShouldBe(("normal", "callee", "reinvite"));
        cdr.BilledEnd.ShouldBe(connected + Interval + Timeout, "the answered retry proved the party alive: nothing was cut");
    }

    /// <summary>The switch's 200 to the caller's INVITE.</summary>
    private static SipTrace AnswerTo(SippResult caller) =>
        caller.Received.First(m => m.Status == 200 && m.Header("CSeq")!.EndsWith(" INVITE", StringComparison.Ordinal));
}

public sealed class KeepAliveTestsOnSqlite(SqliteSwitch f) : KeepAliveTests(f), IClassFixture<SqliteSwitch>;

public sealed class KeepAliveTestsOnPostgres(PostgresSwitch f) : KeepAliveTests(f), IClassFixture<PostgresSwitch>;
