using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Stack;

namespace Tollgate.Sip.Tests.Dialogs;

public class InDialogTests
{
    private const string Sdp = "v=0\no=- 1 1 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\nm=audio 4000 RTP/AVP 0\n";

    /// <summary>A dialog where the peer called us (we are UAS, the peer owns the Call-ID), ACKed.</summary>
    internal static SipDialog Answered(StackHarness h, string? inviteExtra = null)
    {
        h.Receive(PeerMessages.Invite(extra: inviteExtra));
        var dialog = h.TakeRequest().Respond(200)!;
        h.Receive(PeerMessages.InDialog("ACK", dialog.LocalTag, 10, "z9hG4bKack"));
        h.TakeRequest();
        h.Sent();
        return dialog;
    }

    [Fact]
    public async Task Request_LowerCSeq_Gets500AndHigherIsAdmitted()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);

        h.Receive(PeerMessages.InDialog("OPTIONS", dialog.LocalTag, 9, "z9hG4bKo1"));
        h.SentResponse(500).ReasonPhrase.ShouldBe("CSeq Out Of Order");
        h.Requests.ShouldBeEmpty();

        h.Receive(PeerMessages.InDialog("OPTIONS", dialog.LocalTag, 11, "z9hG4bKo2"));
        h.TakeRequest().Dialog.ShouldBeSameAs(dialog);
        dialog.RemoteSequence.ShouldBe(11u);
    }

    [Fact]
    public async Task Request_UnknownDialog_Gets481()
    {
        await using var h = new StackHarness();
        Answered(h);

        h.Receive(PeerMessages.InDialog("BYE", "nosuchtag", 11, "z9hG4bKb1"));

        h.SentResponse(481).ReasonPhrase.ShouldBe("Call/Transaction Does Not Exist");
        h.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Ack_UnknownDialog_IsDroppedSilently()
    {
        await using var h = new StackHarness();

        h.Receive(PeerMessages.InDialog("ACK", "nosuchtag", 11, "z9hG4bKa1"));

        h.Sent().ShouldBeEmpty();
        h.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Request_UnknownMethodInDialog_Gets501WithAllow()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);

        h.Receive(PeerMessages.InDialog("FROBNICATE", dialog.LocalTag, 11, "z9hG4bKf1"));

        var response = h.SentResponse(501);
        response.ReasonPhrase.ShouldBe("Not Implemented");
        response.Allow.ShouldBe(SipMethodSet.Invite | SipMethodSet.Ack | SipMethodSet.Bye | SipMethodSet.Cancel
            | SipMethodSet.Options | SipMethodSet.Update | SipMethodSet.Info);
        h.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Request_KnownButNotAllowedMethod_Gets405WithAllow()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);

        h.Receive(PeerMessages.InDialog("SUBSCRIBE", dialog.LocalTag, 11, "z9hG4bKs1"));

        h.SentResponse(405).GetHeaderValue(KnownHeader.Allow).ShouldBe("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE");
    }

    [Fact]
    public async Task ReInvite_NewContact_RefreshesRemoteTargetForLaterRequests()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);

        h.Receive(PeerMessages.InDialog("INVITE", dialog.LocalTag, 11, "z9hG4bKr1", extra: "Contact: <sip:bob@192.0.2.99:5999>"));
        h.TakeRequest().Respond(200);
        h.Receive(PeerMessages.InDialog("ACK", dialog.LocalTag, 11, "z9hG4bKr1ack"));
        h.Sent();

        dialog.RemoteTarget.ToString().ShouldBe("sip:bob@192.0.2.99:5999");
        _ = h.Stack.SendInDialogAsync(dialog, SipMethod.Options);
        var (options, remote) = h.Transport.Sent.ToArray().Last();
        ((SipRequest)options).RequestUri.ToString().ShouldBe("sip:bob@192.0.2.99:5999");
        remote.ToString().ShouldBe("192.0.2.21:5060"); // loose routing: the first route is the next hop
    }

    [Fact]
    public async Task RemoteAllow_MissingThenSent_IsUnknownThenKnown()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);
        dialog.RemoteAllow.ShouldBeNull();
        dialog.RemoteAllowsUpdate.ShouldBeNull();

        h.Receive(PeerMessages.InDialog("INFO", dialog.LocalTag, 11, "z9hG4bKi1", extra: "Allow: INVITE, ACK, BYE, UPDATE"));

        dialog.RemoteAllowsUpdate.ShouldBe(true);
    }

    [Fact]
    public async Task RemoteAllow_FromResponseToOurRequest_IsLearned()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h, "Allow: INVITE, ACK, BYE, UPDATE");
        dialog.RemoteAllowsUpdate.ShouldBe(true);

        var sending = h.Stack.SendInDialogAsync(dialog, SipMethod.Options);
        var options = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(options, 200, extra: "Allow: INVITE, ACK, BYE"));
        await sending.WaitAsync(TimeSpan.FromSeconds(10));

        dialog.RemoteAllowsUpdate.ShouldBe(false);
    }

    [Fact]
    public async Task Bye_FromPeer_EndsDialogAndLaterRequestsGet481()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);

        h.Receive(PeerMessages.InDialog("BYE", dialog.LocalTag, 11, "z9hG4bKb1"));
        h.TakeRequest().Respond(200);
        h.Sent();

        dialog.State.ShouldBe(DialogState.Terminated);
        h.Stack.DialogCount.ShouldBe(0);
        h.Receive(PeerMessages.InDialog("INFO", dialog.LocalTag, 12, "z9hG4bKi2"));
        h.SentResponse(481);
    }

    [Fact]
    public async Task SendInDialogAsync_Bye_UsesNextCSeqAndEndsDialog()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);

        var sending = h.Stack.SendInDialogAsync(dialog, SipMethod.Bye);
        var bye = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(bye, 200));
        (await sending.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode.ShouldBe(200);

        bye.CSeq.ShouldBe(new CSeq(1, SipMethod.Bye));
        bye.FromTag.ShouldBe(dialog.LocalTag);
        bye.ToTag.ShouldBe("bobtag");
        bye.CallId.ShouldBe("peer-call");
        bye.RequestUri.ToString().ShouldBe("sip:bob@192.0.2.10:5070");
        bye.Routes.Select(r => r.Uri.Host).ShouldBe(["192.0.2.21", "192.0.2.22"]);
        dialog.State.ShouldBe(DialogState.Terminated);
        h.Stack.DialogCount.ShouldBe(0);
        (await h.Stack.SendInDialogAsync(dialog, SipMethod.Bye)).StatusCode.ShouldBe(481);
    }

    [Fact]
    public async Task SendInDialogAsync_Timeout_Reports408AndEndsDialog()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);

        var sending = h.Stack.SendInDialogAsync(dialog, SipMethod.Update);
        h.Advance(TimeSpan.FromSeconds(32.1));

        var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        response.StatusCode.ShouldBe(408);
        response.IsLocallyGenerated.ShouldBeTrue();
        dialog.State.ShouldBe(DialogState.Terminated);
        h.Stack.DialogCount.ShouldBe(0);
    }

    [Fact]
    public async Task ReInvite_FromPeerWhileOursPending_Gets491()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);
        _ = h.Stack.SendInDialogAsync(dialog, SipMethod.Invite, System.Text.Encoding.ASCII.GetBytes(Sdp));
        h.Sent();

        h.Receive(PeerMessages.InDialog("INVITE", dialog.LocalTag, 11, "z9hG4bKg1", body: Sdp, extra: "Content-Type: application/sdp"));

        h.SentResponse(491).ReasonPhrase.ShouldBe("Request Pending");
        h.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Update_WithOfferWhileOurOfferPending_Gets491ButWithoutOfferIsAdmitted()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);
        _ = h.Stack.SendInDialogAsync(dialog, SipMethod.Update, System.Text.Encoding.ASCII.GetBytes(Sdp));
        h.Sent();

        h.Receive(PeerMessages.InDialog("UPDATE", dialog.LocalTag, 11, "z9hG4bKu1", body: Sdp, extra: "Content-Type: application/sdp"));
        h.SentResponse(491);
        h.Receive(PeerMessages.InDialog("UPDATE", dialog.LocalTag, 12, "z9hG4bKu2"));
        h.TakeRequest().Request.Method.ShouldBe(SipMethod.Update);
    }

    [Fact]
    public async Task ReInvite_SecondBeforeFirstAnswered_Gets500WithRetryAfter()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);
        h.Receive(PeerMessages.InDialog("INVITE", dialog.LocalTag, 11, "z9hG4bKr1"));
        h.TakeRequest();
        h.Sent();

        h.Receive(PeerMessages.InDialog("INVITE", dialog.LocalTag, 12, "z9hG4bKr2"));

        var response = h.SentResponse(500);
        int.Parse(response.GetHeaderValue(KnownHeader.RetryAfter)!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(0, 10);
    }

    [Fact]
    public async Task ReInvite_CancelledByPeer_LetsTheNextReInviteIn()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);
        var reinvite = PeerMessages.InDialog("INVITE", dialog.LocalTag, 11, "z9hG4bKc1");
        h.Receive(reinvite);
        h.TakeRequest();

        h.Receive(reinvite.Replace("INVITE", "CANCEL", StringComparison.Ordinal));
        h.Sent().OfType<SipResponse>().Select(r => r.StatusCode).ShouldBe([100, 200, 487]);
        h.Receive(PeerMessages.InDialog("INVITE", dialog.LocalTag, 12, "z9hG4bKc2"));

        h.TakeRequest().Request.CSeq.Number.ShouldBe(12u);
    }

    [Fact]
    public async Task SendInDialogAsync_WhileOurInvitePending_ReturnsLocal491()
    {
        await using var h = new StackHarness();
        var dialog = Answered(h);
        _ = h.Stack.SendInDialogAsync(dialog, SipMethod.Invite);

        var second = await h.Stack.SendInDialogAsync(dialog, SipMethod.Invite);

        second.StatusCode.ShouldBe(491);
        second.IsLocallyGenerated.ShouldBeTrue();
    }
}
