using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Sip.Tests.Stack;

namespace Tollgate.Sip.Tests.Dialogs;

public class UacDialogTests
{
    private const string OkExtras = "Record-Route: <sip:p1.example.com;lr>\nRecord-Route: <sip:192.0.2.30;lr>\nContact: <sip:bob@192.0.2.10:5070>\nAllow: INVITE, ACK, BYE, UPDATE";

    internal static Task<InviteOutcome> Call(StackHarness h, Action<SipResponse>? onProvisional = null,
        CancellationToken cancellationToken = default) =>
        h.Stack.InviteAsync(
            h.Stack.CreateRequest(SipMethod.Invite, SipUri.Parse("sip:bob@192.0.2.10:5070"),
                NameAddress.Parse("<sip:alice@example.com>"), NameAddress.Parse("<sip:bob@example.com>")),
            onProvisional, cancellationToken: cancellationToken);

    [Fact]
    public async Task InviteAsync_Ok_CreatesDialogWithReversedRouteSetAndAcks()
    {
        await using var h = new StackHarness();
        var provisional = new List<int>();
        var call = Call(h, r => provisional.Add(r.StatusCode));
        var invite = h.Sent().OfType<SipRequest>().Single();

        invite.Branch.ShouldStartWith("z9hG4bK");
        invite.TopVia.HasRPort.ShouldBeTrue();
        invite.Contacts.Single().Uri.ToString().ShouldBe("sip:127.0.0.1:5060");
        invite.Allow!.Value.HasFlag(SipMethodSet.Update).ShouldBeTrue();
        invite.Supported.ShouldBe(["timer"]);
        invite.FromTag.ShouldNotBeNull();

        h.Receive(PeerMessages.ResponseTo(invite, 180, "bob1"));
        h.Receive(PeerMessages.ResponseTo(invite, 200, "bob1", OkExtras));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));

        provisional.ShouldBe([180]);
        var dialog = outcome.Dialog!;
        outcome.IsSuccess.ShouldBeTrue();
        dialog.IsUac.ShouldBeTrue();
        dialog.RemoteTag.ShouldBe("bob1");
        dialog.LocalTag.ShouldBe(invite.FromTag);
        dialog.LocalSequence.ShouldBe(1u);
        dialog.RemoteSequence.ShouldBeNull();
        dialog.RouteSet.Select(r => r.Uri.Host).ShouldBe(["192.0.2.30", "p1.example.com"]);
        dialog.RemoteAllowsUpdate.ShouldBe(true);

        var ack = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "ACK" });
        ack.RequestUri.ToString().ShouldBe("sip:bob@192.0.2.10:5070");
        ack.Routes.Select(r => r.Uri.Host).ShouldBe(["192.0.2.30", "p1.example.com"]);
        ack.CSeq.ShouldBe(new CSeq(1, SipMethod.Ack));
        ack.Branch.ShouldNotBe(invite.Branch);
        ack.ToTag.ShouldBe("bob1");
        h.Transport.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task InviteAsync_RetransmittedOk_ResendsTheSameAck()
    {
        await using var h = new StackHarness();
        var call = Call(h);
        var invite = h.Sent().OfType<SipRequest>().Single();
        var ok = PeerMessages.ResponseTo(invite, 200, "bob1", OkExtras);
        h.Receive(ok);
        await call.WaitAsync(TimeSpan.FromSeconds(10));
        var ack = h.WaitForSent(m => m is SipRequest);

        h.Receive(ok);

        h.WaitForSent(m => m is SipRequest).Bytes.ToArray().ShouldBe(ack.Bytes.ToArray());
    }

    [Fact]
    public async Task InviteAsync_SecondFork_IsAckedAndEndedWithBye()
    {
        await using var h = new StackHarness();
        var call = Call(h);
        var invite = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(invite, 200, "fork1", "Contact: <sip:bob@192.0.2.10:5070>"));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));
        h.WaitForSent(m => m is SipRequest { Method.Name: "ACK" });

        h.Receive(PeerMessages.ResponseTo(invite, 200, "fork2", "Contact: <sip:bob2@192.0.2.10:5070>"));

        var forkAck = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "ACK" });
        forkAck.ToTag.ShouldBe("fork2");
        var bye = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "BYE" });
        bye.ToTag.ShouldBe("fork2");
        bye.RequestUri.User.ShouldBe("bob2");
        outcome.Dialog!.RemoteTag.ShouldBe("fork1");
    }

    [Fact]
    public async Task InviteAsync_Busy_ReturnsResponseWithoutDialog()
    {
        await using var h = new StackHarness();
        var call = Call(h);
        var invite = h.Sent().OfType<SipRequest>().Single();

        h.Receive(PeerMessages.ResponseTo(invite, 486));

        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));
        outcome.Response.StatusCode.ShouldBe(486);
        outcome.Dialog.ShouldBeNull();
        h.Stack.DialogCount.ShouldBe(0);
    }

    [Fact]
    public async Task InviteAsync_CancelledWhileRinging_SendsCancelAndReturns487()
    {
        await using var h = new StackHarness();
        using var cts = new CancellationTokenSource();
        var call = Call(h, cancellationToken: cts.Token);
        var invite = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(invite, 180));

        await cts.CancelAsync();

        var cancel = h.Sent().OfType<SipRequest>().Single();
        cancel.Method.ShouldBe(SipMethod.Cancel);
        cancel.Branch.ShouldBe(invite.Branch);
        h.Receive(PeerMessages.ResponseTo(cancel, 200));
        h.Receive(PeerMessages.ResponseTo(invite, 487));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));
        outcome.Response.StatusCode.ShouldBe(487);
        outcome.WasCancelled.ShouldBeTrue();
    }

    [Fact]
    public async Task InviteAsync_NoRoute_ReturnsLocal503()
    {
        await using var h = new StackHarness();

        var outcome = await h.Stack.InviteAsync(h.Stack.CreateRequest(SipMethod.Invite, SipUri.Parse("sips:bob@192.0.2.10"),
            NameAddress.Parse("<sip:alice@example.com>"), NameAddress.Parse("<sip:bob@example.com>")));

        outcome.Response.StatusCode.ShouldBe(503);
        outcome.Response.IsLocallyGenerated.ShouldBeTrue();
        h.Sent().ShouldBeEmpty();
    }

    [Fact]
    public async Task InviteAsync_NoAnswerAtAll_Returns408AfterTimerB()
    {
        await using var h = new StackHarness();
        var call = Call(h);

        h.Advance(TimeSpan.FromSeconds(32.1));

        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));
        outcome.Response.StatusCode.ShouldBe(408);
        outcome.Response.IsLocallyGenerated.ShouldBeTrue();
    }
}
