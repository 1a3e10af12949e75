using Tollgate.Sip.Messages;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Transactions;

public class ServerTransactionTests
{
    [Fact]
    public void InviteServer_AutoTrying_SendsTryingWithoutTag()
    {
        var h = new Harness();

        h.Layer.CreateServer(h.Incoming(SipMethod.Invite), sendTrying: true);

        var trying = h.Transport.TakeSent().Single().ShouldBeOfType<SipResponse>();
        trying.StatusCode.ShouldBe(100);
        trying.ToTag.ShouldBeNull();
    }

    [Fact]
    public void InviteServer_RetransmittedInvite_GetsLastProvisionalAgain()
    {
        var h = new Harness();
        var invite = h.Incoming(SipMethod.Invite);
        var tx = h.Layer.CreateServer(invite);
        h.Layer.TryMatchRequest(h.Incoming(SipMethod.Invite)).ShouldBeTrue();
        h.Transport.TakeSent().ShouldBeEmpty(); // nothing sent yet, nothing to repeat

        tx.Respond(Harness.ResponseTo(invite, 180));
        h.Transport.TakeSent();
        h.Layer.TryMatchRequest(h.Incoming(SipMethod.Invite)).ShouldBeTrue();

        h.Transport.TakeSent().Single().ShouldBeOfType<SipResponse>().StatusCode.ShouldBe(180);
    }

    [Fact]
    public void InviteServer_NonSuccessFinal_TimerGRetransmitsDoublingToT2UntilAck()
    {
        var h = new Harness();
        var invite = h.Incoming(SipMethod.Invite);
        var tx = h.Layer.CreateServer(invite);
        tx.Respond(Harness.ResponseTo(invite, 486));
        h.Transport.TakeSent();

        var sendTimes = new List<double>();
        for (var ms = 0; ms < 12_000; ms += 50)
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(50));
            if (h.Transport.TakeSent().Count > 0)
            {
                sendTimes.Add((ms + 50) / 1000.0);
            }
        }

        sendTimes.ShouldBe([0.5, 1.5, 3.5, 7.5, 11.5]); // 0.5, 1, 2, 4, 4 (T2)
        h.Layer.TryMatchRequest(h.Incoming(SipMethod.Ack)).ShouldBeTrue();
        tx.State.ShouldBe(TransactionState.Confirmed);
        h.SentDuring(TimeSpan.FromSeconds(4.9)).ShouldBe(0);
        h.Advance(TimeSpan.FromMilliseconds(150)); // Timer I = T4
        tx.State.ShouldBe(TransactionState.Terminated);
        h.Layer.ServerTransactionCount.ShouldBe(0);
    }

    [Fact]
    public void InviteServer_NoAck_TimerHRaisesAckTimedOut()
    {
        var h = new Harness();
        var invite = h.Incoming(SipMethod.Invite);
        var tx = (InviteServerTransaction)h.Layer.CreateServer(invite);
        var timedOut = false;
        tx.AckTimedOut += _ => timedOut = true;
        tx.Respond(Harness.ResponseTo(invite, 480));

        h.Advance(TimeSpan.FromSeconds(31.9));
        timedOut.ShouldBeFalse();
        h.Advance(TimeSpan.FromSeconds(0.2));

        timedOut.ShouldBeTrue();
        tx.State.ShouldBe(TransactionState.Terminated);
    }

    [Fact]
    public void InviteServer_Success_AcceptedAbsorbsInviteButNotAckUntilTimerL()
    {
        var h = new Harness();
        var invite = h.Incoming(SipMethod.Invite);
        var tx = h.Layer.CreateServer(invite);
        tx.Respond(Harness.ResponseTo(invite, 200)).ShouldBeTrue();
        h.Transport.TakeSent();

        tx.State.ShouldBe(TransactionState.Accepted);
        h.Layer.TryMatchRequest(h.Incoming(SipMethod.Invite)).ShouldBeTrue();
        h.Transport.TakeSent().ShouldBeEmpty(); // 2xx retransmission is the dialog's job
        h.Layer.TryMatchRequest(h.Incoming(SipMethod.Ack)).ShouldBeFalse();
        tx.Respond(Harness.ResponseTo(invite, 486)).ShouldBeFalse();
        h.Advance(TimeSpan.FromSeconds(32.1));
        tx.State.ShouldBe(TransactionState.Terminated);
    }

    [Fact]
    public void NonInviteServer_RetransmissionInTrying_IsAbsorbedSilently()
    {
        var h = new Harness();
        h.Layer.CreateServer(h.Incoming(SipMethod.Bye));

        h.Layer.TryMatchRequest(h.Incoming(SipMethod.Bye)).ShouldBeTrue();

        h.Transport.TakeSent().ShouldBeEmpty();
    }

    [Fact]
    public void NonInviteServer_RetransmissionAfterFinal_ResendsItUntilTimerJ()
    {
        var h = new Harness();
        var bye = h.Incoming(SipMethod.Bye);
        var tx = h.Layer.CreateServer(bye);
        tx.Respond(Harness.ResponseTo(bye, 200));
        h.Transport.TakeSent();

        h.Layer.TryMatchRequest(h.Incoming(SipMethod.Bye)).ShouldBeTrue();
        h.Transport.TakeSent().Single().ShouldBeOfType<SipResponse>().StatusCode.ShouldBe(200);
        tx.Respond(Harness.ResponseTo(bye, 500)).ShouldBeFalse();

        h.Advance(TimeSpan.FromSeconds(31.9));
        tx.State.ShouldBe(TransactionState.Completed);
        h.Advance(TimeSpan.FromSeconds(0.2)); // Timer J = 64·T1
        tx.State.ShouldBe(TransactionState.Terminated);
        h.Layer.TryMatchRequest(h.Incoming(SipMethod.Bye)).ShouldBeFalse();
    }

    [Fact]
    public void NonInviteServer_OverTcp_TimerJIsZero()
    {
        var h = new Harness(SipTransportKind.Tcp);
        var bye = h.Incoming(SipMethod.Bye);
        var tx = h.Layer.CreateServer(bye);

        tx.Respond(Harness.ResponseTo(bye, 200));

        tx.State.ShouldBe(TransactionState.Terminated);
    }

    [Fact]
    public void FindInvite_CancelWithSameBranch_FindsTheInviteTransaction()
    {
        var h = new Harness();
        var tx = h.Layer.CreateServer(h.Incoming(SipMethod.Invite, "z9hG4bKinv"));

        h.Layer.FindInvite(h.Incoming(SipMethod.Cancel, "z9hG4bKinv")).ShouldBeSameAs(tx);
        h.Layer.FindInvite(h.Incoming(SipMethod.Cancel, "z9hG4bKother")).ShouldBeNull();
    }

    [Fact]
    public async Task Respond_TransportFailure_TerminatesAndReports()
    {
        var h = new Harness();
        var bye = h.Incoming(SipMethod.Bye);
        var tx = h.Layer.CreateServer(bye);
        var failed = new TaskCompletionSource<Exception>();
        tx.TransportFailed += (_, e) => failed.TrySetResult(e);
        h.Transport.FailSends = new System.Net.Sockets.SocketException(111);

        tx.Respond(Harness.ResponseTo(bye, 200));

        (await failed.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeOfType<System.Net.Sockets.SocketException>();
        tx.State.ShouldBe(TransactionState.Terminated);
    }
}
