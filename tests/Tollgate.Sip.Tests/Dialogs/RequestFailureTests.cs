using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Stack;

namespace Tollgate.Sip.Tests.Dialogs;

/// <summary>What the owner of a dialog can decide when an in-dialog request fails: keep the dialog, cancel a re-INVITE.</summary>
public class RequestFailureTests
{
    private const string Sdp = "v=0\no=- 1 1 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\nm=audio 4000 RTP/AVP 0\n";

    [Fact]
    public async Task SendInDialogAsync_TimeoutWhenDialogKeptOnFailure_LeavesDialogForARetry()
    {
        await using var h = new StackHarness();
        var dialog = InDialogTests.Answered(h);
        dialog.EndsOnRequestFailure = false;

        var first = h.Stack.SendInDialogAsync(dialog, SipMethod.Update);
        h.Advance(TimeSpan.FromSeconds(32.1));
        (await first.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode.ShouldBe(408);

        dialog.State.ShouldBe(DialogState.Confirmed);
        h.Stack.DialogCount.ShouldBe(1);
        h.Sent();
        var retry = h.Stack.SendInDialogAsync(dialog, SipMethod.Update);
        var update = h.Sent().OfType<SipRequest>().First();
        update.CSeq.Number.ShouldBe(2u);
        h.Receive(PeerMessages.ResponseTo(update, 200));
        (await retry.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task SendInDialogAsync_481WhenDialogKeptOnFailure_LeavesDialogConfirmed()
    {
        await using var h = new StackHarness();
        var dialog = InDialogTests.Answered(h);
        dialog.EndsOnRequestFailure = false;

        var sending = h.Stack.SendInDialogAsync(dialog, SipMethod.Update);
        var update = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(update, 481));

        (await sending.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode.ShouldBe(481);
        dialog.State.ShouldBe(DialogState.Confirmed);
    }

    [Fact]
    public async Task SendInDialogAsync_ReInviteCancelledAfterProvisional_SendsCancelAndReturns487()
    {
        await using var h = new StackHarness();
        var dialog = InDialogTests.Answered(h);
        using var stop = new CancellationTokenSource();

        var sending = h.Stack.SendInDialogAsync(dialog, SipMethod.Invite, System.Text.Encoding.ASCII.GetBytes(Sdp),
            cancellationToken: stop.Token);
        var reinvite = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(reinvite, 100));
        await stop.CancelAsync();

        var cancel = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "CANCEL" });
        cancel.Branch.ShouldBe(reinvite.Branch);
        h.Receive(PeerMessages.ResponseTo(cancel, 200));
        h.Receive(PeerMessages.ResponseTo(reinvite, 487));

        (await sending.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode.ShouldBe(487);
        var ack = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "ACK" });
        ack.CSeq.Number.ShouldBe(reinvite.CSeq.Number);
    }

    [Fact]
    public async Task SendInDialogAsync_ReInviteCancelledWithNoAnswer_EndsWithLocal408()
    {
        await using var h = new StackHarness();
        var dialog = InDialogTests.Answered(h);
        dialog.EndsOnRequestFailure = false;
        using var stop = new CancellationTokenSource();

        var sending = h.Stack.SendInDialogAsync(dialog, SipMethod.Invite, System.Text.Encoding.ASCII.GetBytes(Sdp),
            cancellationToken: stop.Token);
        var reinvite = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(reinvite, 100));
        await stop.CancelAsync();
        h.WaitForSent(m => m is SipRequest { Method.Name: "CANCEL" });
        h.Advance(TimeSpan.FromSeconds(32.1));

        var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        response.StatusCode.ShouldBe(408);
        response.IsLocallyGenerated.ShouldBeTrue();
        dialog.State.ShouldBe(DialogState.Confirmed);
    }
}
