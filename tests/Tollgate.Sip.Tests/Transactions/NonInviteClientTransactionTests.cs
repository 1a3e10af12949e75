using Tollgate.Sip.Messages;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Transactions;

public class NonInviteClientTransactionTests
{
    [Fact]
    public async Task TimerE_OverUdp_DoublesToT2ThenTimerFReports408()
    {
        var h = new Harness();
        var tx = h.Layer.StartClient(h.Outgoing(SipMethod.Bye), h.Flow);
        h.Transport.TakeSent();

        var sendTimes = new List<double>();
        for (var ms = 0; ms < 32_000; ms += 50)
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(50));
            if (h.Transport.TakeSent().Count > 0)
            {
                sendTimes.Add((ms + 50) / 1000.0);
            }
        }

        // Intervals 0.5, 1, 2, 4, then 4 s (T2) each time (RFC 3261 §17.1.2.2).
        sendTimes.ShouldBe([0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5]);
        var final = await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));
        final.StatusCode.ShouldBe(408);
        final.IsLocallyGenerated.ShouldBeTrue();
        h.Layer.ClientTransactionCount.ShouldBe(0);
    }

    [Fact]
    public void TimerE_InProceeding_RetransmitsEveryT2()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Update);
        var tx = h.Layer.StartClient(request, h.Flow);
        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 100, null));
        tx.State.ShouldBe(TransactionState.Proceeding);

        h.SentDuring(TimeSpan.FromMilliseconds(500)).ShouldBe(1); // the pending Timer E (T1) still fires
        h.SentDuring(TimeSpan.FromSeconds(3.9)).ShouldBe(0);
        h.SentDuring(TimeSpan.FromMilliseconds(100)).ShouldBe(1); // then T2 later
    }

    [Fact]
    public async Task FinalResponse_AbsorbsRetransmissionsUntilTimerK()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Options);
        var tx = h.Layer.StartClient(request, h.Flow);
        var ok = Harness.ResponseTo(request, 200);

        h.Layer.TryMatchResponse(ok).ShouldBeTrue();
        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeSameAs(ok);
        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 200)).ShouldBeTrue();
        tx.State.ShouldBe(TransactionState.Completed);
        h.SentDuring(TimeSpan.FromSeconds(4.9)).ShouldBe(0);
        tx.State.ShouldBe(TransactionState.Completed);
        h.Advance(TimeSpan.FromMilliseconds(150));
        tx.State.ShouldBe(TransactionState.Terminated);
        h.Layer.TryMatchResponse(ok).ShouldBeFalse();
    }

    [Fact]
    public void FinalResponse_OverTcp_TerminatesAtOnce()
    {
        var h = new Harness(SipTransportKind.Tcp);
        var request = h.Outgoing(SipMethod.Bye);
        var tx = h.Layer.StartClient(request, h.Flow);

        h.SentDuring(TimeSpan.FromSeconds(10)).ShouldBe(0);
        h.Layer.TryMatchResponse(Harness.ResponseTo(request, 200));

        tx.State.ShouldBe(TransactionState.Terminated);
    }

    [Fact]
    public void Response_WithOtherMethodOrBranch_DoesNotMatch()
    {
        var h = new Harness();
        var request = h.Outgoing(SipMethod.Bye);
        h.Layer.StartClient(request, h.Flow);

        h.Layer.TryMatchResponse(Harness.ResponseTo(h.Outgoing(SipMethod.Cancel), 200)).ShouldBeFalse();
        h.Layer.TryMatchResponse(Harness.ResponseTo(h.Outgoing(SipMethod.Bye, "z9hG4bKother"), 200)).ShouldBeFalse();
    }

    [Fact]
    public void StartClient_DuplicateBranch_Throws()
    {
        var h = new Harness();
        h.Layer.StartClient(h.Outgoing(SipMethod.Bye), h.Flow);

        Should.Throw<InvalidOperationException>(() => h.Layer.StartClient(h.Outgoing(SipMethod.Bye), h.Flow));
    }
}
