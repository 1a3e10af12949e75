using Tollgate.Sip.Messages;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Transactions;

public class InviteClientTransactionTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task TimerA_OverUdp_DoublesWithoutCapUntilTimerBReports408()
    {
        var h = new Harness();
        var tx = h.Layer.StartClient(h.Outgoing(SipMethod.Invite), h.Flow);
        h.Transport.TakeSent().Count.ShouldBe(1);

        // Retransmissions at 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s: intervals 0.5, 1, 2, 4, 8, 16 s (RFC 3261 §17.1.1.2).
        var sendTimes = new List<double>();
        for (var ms = 0; ms < 32_000; ms += 50)
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(50));
            if (h.Transport.TakeSent().Count > 0)
            {
                sendTimes.Add((ms + 50) / 1000.0);
            }
        }

        sendTimes.ShouldBe([0.5, 1.5, 3.5, 7.5, 15.5, 31.5]);
        var final = await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));
        final.StatusCode.ShouldBe(408);
        final.IsLocallyGenerated.ShouldBeTrue();
        final.CallId.ShouldBe("tx-call");
        tx.State.ShouldBe(TransactionState.Terminated);
        h.Layer.ClientTransactionCount.ShouldBe(0);
    }

    [Fact]
    public void TimerA_ProvisionalResponse_StopsRetransmissionsAndTimerB()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Invite);
        var provisional = new List<int>();
        var tx = h.Layer.StartClient(request, h.Flow, r => provisional.Add(r.StatusCode));

        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 180)).ShouldBeTrue();

        provisional.ShouldBe([180]);
        tx.State.ShouldBe(TransactionState.Proceeding);
        h.SentDuring(TimeSpan.FromSeconds(40)).ShouldBe(0);
        tx.State.ShouldBe(TransactionState.Proceeding);
        tx.FinalResponse.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task NonSuccessFinal_GeneratesAckAndResendsItForRetransmissions()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Invite);
        var tx = h.Layer.StartClient(request, h.Flow);
        h.Transport.TakeSent();

        var busy = Harness.ResponseTo(request, 486, "callee");
        h.Layer.TryMatchResponse(busy);

        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(486);
        var ack = h.Transport.TakeSent().Single().ShouldBeOfType<SipRequest>();
        ack.Method.ShouldBe(SipMethod.Ack);
        ack.RequestUri.ShouldBe(request.RequestUri);
        ack.Branch.ShouldBe(request.Branch);
        ack.CSeq.ShouldBe(new CSeq(5, SipMethod.Ack));
        ack.ToTag.ShouldBe("callee");
        ack.FromTag.ShouldBe("a1");
        ack.Routes.Single().Uri.Host.ShouldBe("proxy.example.com");
        tx.State.ShouldBe(TransactionState.Completed);

        h.Layer.TryMatchResponse(busy);
        h.Transport.TakeSent().Single().ShouldBeOfType<SipRequest>().Method.ShouldBe(SipMethod.Ack);
    }

    [Fact]
    public void TimerD_OverUdp_TerminatesAfter32Seconds()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Invite);
        var tx = h.Layer.StartClient(request, h.Flow);
        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 404));

        h.Advance(TimeSpan.FromSeconds(32) - Ms * 50);
        tx.State.ShouldBe(TransactionState.Completed);
        h.Advance(Ms * 100);
        tx.State.ShouldBe(TransactionState.Terminated);
        h.Layer.ClientTransactionCount.ShouldBe(0);
    }

    [Fact]
    public void OverTcp_NoRetransmissionsAndTimerDIsZero()
    {
        var h = new Harness(SipTransportKind.Tcp);
        var request = h.Outgoing(SipMethod.Invite);
        var tx = h.Layer.StartClient(request, h.Flow);

        h.SentDuring(TimeSpan.FromSeconds(20)).ShouldBe(0);
        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 603));

        tx.State.ShouldBe(TransactionState.Terminated);
        h.Transport.TakeSent().Single().ShouldBeOfType<SipRequest>().Method.ShouldBe(SipMethod.Ack);
    }

    [Fact]
    public async Task Success_MovesToAcceptedAndPassesFurther2xxUntilTimerM()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Invite);
        var tx = (InviteClientTransaction)h.Layer.StartClient(request, h.Flow);
        var extra = new List<string?>();
        tx.Additional2xx = r => extra.Add(r.ToTag);

        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 200, "fork1"));
        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 200, "fork1"));
        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 200, "fork2"));

        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).ToTag.ShouldBe("fork1");
        extra.ShouldBe(["fork1", "fork2"]);
        tx.State.ShouldBe(TransactionState.Accepted);
        h.Transport.TakeSent().Count.ShouldBe(1); // the INVITE only: a 2xx is ACKed by the dialog, not here
        h.Advance(TimeSpan.FromSeconds(32) + Ms * 50);
        tx.State.ShouldBe(TransactionState.Terminated);
    }

    [Fact]
    public async Task Cancel_BeforeProvisional_WaitsThenSendsCancelWithSameBranch()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Invite);
        var tx = (InviteClientTransaction)h.Layer.StartClient(request, h.Flow);
        h.Transport.TakeSent();

        var cancelled = tx.Cancel();
        h.Transport.TakeSent().ShouldBeEmpty();

        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 100, null));
        var cancel = h.Transport.TakeSent().Single().ShouldBeOfType<SipRequest>();
        cancel.Method.ShouldBe(SipMethod.Cancel);
        cancel.Branch.ShouldBe(request.Branch);
        cancel.CSeq.ShouldBe(new CSeq(5, SipMethod.Cancel));
        cancel.RequestUri.ShouldBe(request.RequestUri);
        cancel.ToTag.ShouldBeNull();

        h.Layer.TryMatchResponse(Harness.ResponseTo(cancel, 200, "b2"));
        (await cancelled!.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(200);
        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 487));
        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(487);
    }

    [Fact]
    public async Task Cancel_FinalResponseFirst_NeverSendsCancel()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Invite);
        var tx = (InviteClientTransaction)h.Layer.StartClient(request, h.Flow);
        var cancelled = tx.Cancel();
        h.Transport.TakeSent();

        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 200));

        (await cancelled!.WaitAsync(TimeSpan.FromSeconds(5))).IsLocallyGenerated.ShouldBeTrue();
        h.Transport.TakeSent().ShouldBeEmpty();
        tx.Cancel().ShouldBeSameAs(cancelled);
    }

    [Fact]
    public async Task TransportError_Reports503()
    {
        var h = new Harness();
        h.Transport.FailSends = new System.Net.Sockets.SocketException(111);

        var tx = h.Layer.StartClient(h.Outgoing(SipMethod.Invite), h.Flow);

        var final = await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));
        final.StatusCode.ShouldBe(503);
        final.IsLocallyGenerated.ShouldBeTrue();
    }

    [Fact]
    public void TimerValues_AreConfigurable()
    {
        var h = new Harness();
        var layer = new SipTransactionLayer(h.Time, new SipTimerSettings { T1 = TimeSpan.FromMilliseconds(100) });
        var tx = layer.StartClient(h.Outgoing(SipMethod.Invite), h.Flow);
        h.Transport.TakeSent();

        h.SentDuring(TimeSpan.FromMilliseconds(150)).ShouldBe(1);
        h.Advance(TimeSpan.FromSeconds(6.4));
        tx.State.ShouldBe(TransactionState.Terminated);
    }
}
