using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.SessionTimers;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.SessionTimers;

public class SessionTimerTests
{
    private static SipRequest Invite(string extra) => Wire.Request($"""
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1
        From: <sip:alice@example.com>;tag=1
        To: <sip:bob@example.com>
        Call-ID: st-1
        CSeq: 1 INVITE
        {extra}
        Content-Length: 0


        """);

    [Fact]
    public void RejectIfTooSmall_BelowRfcFloor_Answers422WithMinSE90()
    {
        var request = Invite("Session-Expires: 60");

        var response = SessionTimer.RejectIfTooSmall(request, minSE: 0, toTag: "t")!.Build();

        response.StatusCode.ShouldBe(422);
        response.ReasonPhrase.ShouldBe("Session Interval Too Small");
        response.MinSE.ShouldBe(90u);
    }

    [Fact]
    public void RejectIfTooSmall_BelowLocalFloor_UsesLocalMinSE()
    {
        var response = SessionTimer.RejectIfTooSmall(Invite("Session-Expires: 300"), minSE: 600)!.Build();

        response.MinSE.ShouldBe(600u);
    }

    [Theory]
    [InlineData("Session-Expires: 90")]
    [InlineData("Supported: timer")]
    public void RejectIfTooSmall_AtOrAboveFloorOrAbsent_ReturnsNull(string header)
    {
        SessionTimer.RejectIfTooSmall(Invite(header), minSE: 90).ShouldBeNull();
    }

    [Fact]
    public void NegotiateAsUas_UacSupportsTimerWithoutRefresher_ChoosesPreferred()
    {
        var se = SessionTimer.NegotiateAsUas(Invite("Supported: timer\nSession-Expires: 1800"), 1800, SessionRefresher.Uas);

        se.ShouldBe(new SessionExpires(1800, SessionRefresher.Uas));
    }

    [Fact]
    public void NegotiateAsUas_UacWithoutTimerSupport_MakesUasRefresh()
    {
        var se = SessionTimer.NegotiateAsUas(Invite("Session-Expires: 1800"), 1800, SessionRefresher.Uac);

        se!.Refresher.ShouldBe(SessionRefresher.Uas);
    }

    [Fact]
    public void NegotiateAsUas_ShorterLocalPreference_NeverBelowRequestMinSE()
    {
        var se = SessionTimer.NegotiateAsUas(Invite("Supported: timer\nSession-Expires: 1800;refresher=uac\nMin-SE: 600"), 300, SessionRefresher.Uas);

        se.ShouldBe(new SessionExpires(600, SessionRefresher.Uac));
    }

    [Fact]
    public void ApplyToResponse_UacSupportsTimer_AddsRequireTimer()
    {
        var request = Invite("Supported: timer\nSession-Expires: 1800");
        var response = SipResponseBuilder.ForRequest(request, 200, toTag: "t");

        SessionTimer.ApplyToResponse(response, request, new SessionExpires(1800, SessionRefresher.Uac));

        var built = response.Build();
        built.SessionExpires.ShouldBe(new SessionExpires(1800, SessionRefresher.Uac));
        built.Require.ShouldBe(["timer"]);
    }

    [Fact]
    public void ApplyToRequest_AddsSupportedSessionExpiresAndMinSE()
    {
        var request = new SipRequestBuilder(SipMethod.Invite, SipUri.Parse("sip:b@c"));

        SessionTimer.ApplyToRequest(request, new SessionExpires(1800, SessionRefresher.Uac), 90);

        request.GetHeaderValue("Supported").ShouldBe("timer");
        request.GetHeaderValue("x").ShouldBe("1800;refresher=uac");
        request.GetHeaderValue("Min-SE").ShouldBe("90");
    }

    [Fact]
    public void IntervalAfterTooSmall_TakesTheLargerMinSE()
    {
        var tooSmall = SessionTimer.RejectIfTooSmall(Invite("Session-Expires: 100"), 900)!.Build();

        SessionTimer.IntervalAfterTooSmall(tooSmall, 100).ShouldBe(900u);
    }

    [Fact]
    public void Deadlines_FollowRfc4028Section10()
    {
        var se = new SessionExpires(1800);

        SessionTimer.RefreshAfter(se).ShouldBe(TimeSpan.FromSeconds(900));
        SessionTimer.ExpiryAfter(se).ShouldBe(TimeSpan.FromSeconds(1768));
        SessionTimer.ExpiryAfter(new SessionExpires(90)).ShouldBe(TimeSpan.FromSeconds(60));
    }
}
