using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Stack;

namespace Tollgate.Sip.Tests.Dialogs;

public class UasDialogTests
{
    [Fact]
    public async Task Respond_OkToInvite_CreatesDialogFromTheInvite()
    {
        await using var h = new StackHarness();
        h.Receive(PeerMessages.Invite(extra: "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS"));
        var incoming = h.TakeRequest();
        h.SentResponse(100).ToTag.ShouldBeNull();

        var ringing = incoming.Respond(180);
        var dialog = incoming.Respond(200)!;

        ringing.ShouldBeNull();
        var sent = h.Sent().OfType<SipResponse>().ToList();
        sent.Select(r => r.StatusCode).ShouldBe([180, 200]);
        sent[0].ToTag.ShouldBe(sent[1].ToTag);
        sent[1].Contacts.Single().Uri.ToString().ShouldBe("sip:127.0.0.1:5060");
        sent[1].RecordRoutes.Select(r => r.Uri.Host).ShouldBe(["192.0.2.21", "192.0.2.22"]);
        sent[1].Allow!.Value.HasFlag(SipMethodSet.Update).ShouldBeTrue();
        dialog.Id.ShouldBe(new DialogId("peer-call", sent[1].ToTag!, "bobtag"));
        dialog.IsUac.ShouldBeFalse();
        dialog.RemoteTarget.ToString().ShouldBe("sip:bob@192.0.2.10:5070");
        dialog.RouteSet.Select(r => r.Uri.Host).ShouldBe(["192.0.2.21", "192.0.2.22"]);
        dialog.RemoteSequence.ShouldBe(10u);
        dialog.RemoteAllowsUpdate.ShouldBe(false);
        dialog.LocalParty.ShouldBe($"<sip:alice@example.com>;tag={dialog.LocalTag}");
        dialog.RemoteParty.ShouldBe("\"Bob\" <sip:bob@example.com>;tag=bobtag");
        h.Stack.FindDialog(dialog.Id).ShouldBeSameAs(dialog);
    }

    [Fact]
    public async Task Respond_Ok_RetransmitsUntilAckThenHandsAckToApplication()
    {
        await using var h = new StackHarness();
        h.Receive(PeerMessages.Invite());
        var dialog = h.TakeRequest().Respond(200)!;
        h.Sent();

        h.Advance(TimeSpan.FromMilliseconds(500));
        h.Sent().OfType<SipResponse>().Single().StatusCode.ShouldBe(200);
        h.Advance(TimeSpan.FromMilliseconds(999));
        h.Sent().ShouldBeEmpty();
        h.Advance(TimeSpan.FromMilliseconds(1));
        h.Sent().Count.ShouldBe(1); // T1, then 2·T1 later

        h.Receive(PeerMessages.InDialog("ACK", dialog.LocalTag, 10, "z9hG4bKack1"));
        var ack = h.TakeRequest();
        ack.Request.Method.ShouldBe(SipMethod.Ack);
        ack.Dialog.ShouldBeSameAs(dialog);
        ack.Transaction.ShouldBeNull();
        h.Advance(TimeSpan.FromSeconds(10));
        h.Sent().ShouldBeEmpty();

        h.Receive(PeerMessages.InDialog("ACK", dialog.LocalTag, 10, "z9hG4bKack1"));
        h.Requests.ShouldBeEmpty(); // a retransmitted ACK is not delivered twice
    }

    [Fact]
    public async Task Respond_AckArrivingWhileOkIsBeingSent_StopsRetransmission()
    {
        await using var h = new StackHarness();
        h.Receive(PeerMessages.Invite());
        var incoming = h.TakeRequest();
        h.Transport.OnSend = m =>
        {
            if (m is SipResponse { StatusCode: 200 } ok)
            {
                h.Transport.OnSend = null;
                h.Receive(PeerMessages.InDialog("ACK", ok.ToTag!, 10, "z9hG4bKfastack"));
            }
        };

        incoming.Respond(200);
        h.Sent();
        h.Advance(TimeSpan.FromSeconds(5));

        h.Sent().ShouldBeEmpty();
        h.TakeRequest().Request.Method.ShouldBe(SipMethod.Ack);
    }

    [Fact]
    public async Task Respond_OkWithoutAck_RaisesAckTimedOutAfter64T1()
    {
        await using var h = new StackHarness();
        SipDialog? timedOut = null;
        h.Stack.AckTimedOut += d => timedOut = d;
        h.Receive(PeerMessages.Invite());
        var dialog = h.TakeRequest().Respond(200);

        h.Advance(TimeSpan.FromSeconds(31.99));
        timedOut.ShouldBeNull();
        h.Advance(TimeSpan.FromMilliseconds(20));

        timedOut.ShouldBeSameAs(dialog);
    }

    [Fact]
    public async Task RetransmittedInvite_AfterOk_IsAbsorbed()
    {
        await using var h = new StackHarness();
        h.Receive(PeerMessages.Invite());
        h.TakeRequest().Respond(200);
        h.Sent();

        h.Receive(PeerMessages.Invite());

        h.Requests.ShouldBeEmpty();
        h.Sent().ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancel_UnansweredInvite_Answers200And487AndCancelsToken()
    {
        await using var h = new StackHarness();
        h.Receive(PeerMessages.Invite());
        var incoming = h.TakeRequest();
        var token = incoming.Cancelled;
        h.Sent();

        h.Receive(PeerMessages.Invite().Replace("INVITE", "CANCEL", StringComparison.Ordinal));

        var sent = h.Sent().OfType<SipResponse>().ToList();
        sent.Select(r => (r.StatusCode, r.CSeq.Method.Name)).ShouldBe([(200, "CANCEL"), (487, "INVITE")]);
        token.IsCancellationRequested.ShouldBeTrue();
        incoming.Respond(200).ShouldBeNull();
        h.Stack.DialogCount.ShouldBe(0);
    }

    [Fact]
    public async Task Cancel_WithoutMatchingInvite_Gets481()
    {
        await using var h = new StackHarness();

        h.Receive(PeerMessages.Invite().Replace("INVITE", "CANCEL", StringComparison.Ordinal));

        h.SentResponse(481).CSeq.Method.ShouldBe(SipMethod.Cancel);
    }

    [Fact]
    public async Task UnhandledRequest_WithoutSubscriber_Gets503()
    {
        var h = new SipStackWithoutHandler();
        await using var _ = h;

        h.Receive(PeerMessages.InDialog("OPTIONS", "x", 1, "z9hG4bKo").Replace(";tag=x", "", StringComparison.Ordinal));

        h.Transport.TakeSent().OfType<SipResponse>().Single().StatusCode.ShouldBe(503);
    }

    private sealed class SipStackWithoutHandler : IAsyncDisposable
    {
        public SipStackWithoutHandler()
        {
            Stack = new Sip.Stack.SipStack(null, new Support.CountingTimeProvider(), new Support.SeededRandom());
            Stack.AddTransport(Transport);
        }

        public Support.RecordingTransport Transport { get; } = new();

        public Sip.Stack.SipStack Stack { get; }

        public void Receive(string text) => Transport.Receive(text, StackHarness.Peer);

        public ValueTask DisposeAsync() => Stack.DisposeAsync();
    }
}
