using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Stack;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Dialogs;

public class GlareBackoffTests
{
    private static readonly byte[] Offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"u8.ToArray();

    [Theory]
    [InlineData(true, 0, 2100)]
    [InlineData(true, 190, 4000)]
    [InlineData(false, 0, 0)]
    [InlineData(false, 200, 2000)]
    public void Next_FollowsRfc3261Section14Ranges(bool owner, int draw, int expectedMs)
    {
        var random = new SeededRandom();
        random.NextIntResults.Enqueue(draw);

        GlareBackoff.Next(owner, random).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
        random.NextIntMaxima.ShouldBe([owner ? 191 : 201]);
    }

    [Fact]
    public async Task ReInvite_Drawing491AsCallIdOwner_RetriesAfterBackoffWithNewCSeq()
    {
        await using var h = new StackHarness();
        var call = UacDialogTests.Call(h);
        var invite = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(invite, 200, "bob1", "Contact: <sip:bob@192.0.2.10:5070>"));
        var dialog = (await call.WaitAsync(TimeSpan.FromSeconds(10))).Dialog!;
        h.WaitForSent(m => m is SipRequest { Method.Name: "ACK" });
        h.Random.NextIntResults.Enqueue(50); // 2100 + 500 ms

        var reinvite = h.Stack.SendInDialogAsync(dialog, SipMethod.Invite, Offer);
        var first = h.Sent().OfType<SipRequest>().Single();
        var timers = h.Time.TimersCreated;
        h.Receive(PeerMessages.ResponseTo(first, 491));
        h.Time.WaitForTimers(timers); // the back-off delay is scheduled
        h.Sent().OfType<SipRequest>().Single().Method.ShouldBe(SipMethod.Ack); // the 491's ACK, from its transaction

        h.Advance(TimeSpan.FromMilliseconds(2590));
        h.Sent().ShouldBeEmpty();
        h.Advance(TimeSpan.FromMilliseconds(10));

        var retry = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "INVITE" });
        retry.CSeq.Number.ShouldBe(first.CSeq.Number + 1);
        retry.Branch.ShouldNotBe(first.Branch);
        retry.Body.ToArray().ShouldBe(Offer);
        h.Receive(PeerMessages.ResponseTo(retry, 200, extra: "Contact: <sip:bob@192.0.2.10:5070>"));
        (await reinvite.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode.ShouldBe(200);
        var ack = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "ACK" });
        ack.CSeq.ShouldBe(new CSeq(retry.CSeq.Number, SipMethod.Ack));
        h.Random.NextIntMaxima.ShouldContain(191);
    }

    [Fact]
    public async Task Update_Drawing491AsNonOwner_RetriesWithinTwoSeconds()
    {
        await using var h = new StackHarness();
        h.Receive(PeerMessages.Invite());
        var dialog = h.TakeRequest().Respond(200)!;
        h.Sent();
        h.Random.NextIntResults.Enqueue(120); // 1200 ms

        var update = h.Stack.SendInDialogAsync(dialog, SipMethod.Update, Offer);
        var first = h.Sent().OfType<SipRequest>().Single();
        var timers = h.Time.TimersCreated;
        h.Receive(PeerMessages.ResponseTo(first, 491));
        h.Time.WaitForTimers(timers);

        h.Advance(TimeSpan.FromMilliseconds(1190));
        h.Sent().OfType<SipRequest>().ShouldBeEmpty();
        h.Advance(TimeSpan.FromMilliseconds(10));
        var retry = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "UPDATE" });
        h.Receive(PeerMessages.ResponseTo(retry, 200));

        (await update.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode.ShouldBe(200);
        h.Random.NextIntMaxima.ShouldContain(201);
        retry.CSeq.Number.ShouldBe(first.CSeq.Number + 1);
    }

    [Fact]
    public async Task Update_491MoreTimesThanAllowed_ReturnsThe491()
    {
        await using var h = new StackHarness(new Sip.Stack.SipStackOptions { GlareRetries = 1 });
        h.Receive(PeerMessages.Invite());
        var dialog = h.TakeRequest().Respond(200)!;
        h.Sent();
        h.Random.NextIntResults.Enqueue(0);

        var update = h.Stack.SendInDialogAsync(dialog, SipMethod.Update, Offer);
        var first = h.Sent().OfType<SipRequest>().Single();
        var timers = h.Time.TimersCreated;
        h.Receive(PeerMessages.ResponseTo(first, 491));
        h.Time.WaitForTimers(timers);
        h.Advance(TimeSpan.FromMilliseconds(10));
        var retry = (SipRequest)h.WaitForSent(m => m is SipRequest { Method.Name: "UPDATE" });
        h.Receive(PeerMessages.ResponseTo(retry, 491));

        var response = await update.WaitAsync(TimeSpan.FromSeconds(10));
        response.StatusCode.ShouldBe(491);
        response.IsLocallyGenerated.ShouldBeFalse();
    }
}
