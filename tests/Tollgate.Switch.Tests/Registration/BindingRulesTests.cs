using System.Text;
using Tollgate.Domain.Switching;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;
using Tollgate.Switch.Registration;

namespace Tollgate.Switch.Tests.Registration;

/// <summary>RFC 3261 §10.3 as the registrar applies it: query, add, refresh, remove, wildcard, out-of-order, limits.</summary>
public class BindingRulesTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(3600);

    private static SipRequest Register(uint cseq, string? contact, string? expires = null, string callId = "reg-1", string? userAgent = "Yealink SIP-T46S")
    {
        var text = new StringBuilder()
            .Append("REGISTER sip:switch.example SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-").Append(cseq).Append("\r\n")
            .Append("From: <sip:alice@switch.example>;tag=1\r\nTo: <sip:alice@switch.example>\r\n")
            .Append("Call-ID: ").Append(callId).Append("\r\nCSeq: ").Append(cseq).Append(" REGISTER\r\n");
        if (contact is not null) text.Append("Contact: ").Append(contact).Append("\r\n");
        if (expires is not null) text.Append("Expires: ").Append(expires).Append("\r\n");
        if (userAgent is not null) text.Append("User-Agent: ").Append(userAgent).Append("\r\n");
        text.Append("Content-Length: 0\r\n\r\n");
        var result = SipMessageParser.Default.Parse(Encoding.ASCII.GetBytes(text.ToString()));
        result.Error.ShouldBeNull();
        return result.Message.ShouldBeOfType<SipRequest>();
    }

    private static BindingResult Apply(IReadOnlyList<SipBinding> current, SipRequest register, int maxBindings = 10) =>
        BindingRules.Apply(current, register, "udp:192.0.2.10:5060", Now, Min, Max, maxBindings);

    [Fact]
    public void NewContact_IsBoundForItsExpires_WithTheUserAgent()
    {
        var result = Apply([], Register(1, "<sip:alice@192.0.2.10:5060>;expires=600"));
        result.ErrorStatus.ShouldBeNull();
        result.Changed.ShouldBeTrue();
        var binding = result.Bindings.ShouldHaveSingleItem();
        (binding.ContactUri, binding.UserAgent, binding.ExpiresAt, binding.CSeq).ShouldBe(("sip:alice@192.0.2.10:5060", "Yealink SIP-T46S", Now.AddSeconds(600), 1u));
    }

    [Fact]
    public void Lifetime_ComesFromTheContactThenTheHeaderThenTheMaximum_AndIsCappedAtTheMaximum()
    {
        Apply([], Register(1, "<sip:a@192.0.2.10>", "120")).Bindings[0].ExpiresAt.ShouldBe(Now.AddSeconds(120));
        Apply([], Register(1, "<sip:a@192.0.2.10>")).Bindings[0].ExpiresAt.ShouldBe(Now + Max);
        Apply([], Register(1, "<sip:a@192.0.2.10>;expires=86400")).Bindings[0].ExpiresAt.ShouldBe(Now + Max);
    }

    [Fact]
    public void TooShortLifetime_Is423WithMinExpires_AndChangesNothing()
    {
        var result = Apply([], Register(1, "<sip:a@192.0.2.10>", "30"));
        (result.ErrorStatus, result.MinExpires, result.Changed).ShouldBe((SipStatusCodes.IntervalTooBrief, 60u, false));
    }

    [Fact]
    public void NoContact_IsAQuery()
    {
        var existing = Apply([], Register(1, "<sip:a@192.0.2.10>")).Bindings;
        var query = Apply(existing, Register(2, null));
        (query.Changed, query.Bindings.Count).ShouldBe((false, 1));
    }

    [Fact]
    public void RepeatedOrOlderRequest_OfTheSameCallId_Is500AndChangesNothing()
    {
        var existing = Apply([], Register(5, "<sip:a@192.0.2.10>")).Bindings;
        Apply(existing, Register(5, "<sip:a@192.0.2.10>")).ErrorStatus.ShouldBe(SipStatusCodes.ServerInternalError);
        Apply(existing, Register(4, "<sip:a@192.0.2.10>", "0")).ErrorStatus.ShouldBe(SipStatusCodes.ServerInternalError);
        Apply(existing, Register(1, "<sip:a@192.0.2.10>", callId: "another-phone")).ErrorStatus.ShouldBeNull("another Call-ID is another registration");
    }

    [Fact]
    public void ExpiresZero_RemovesTheContact_AndWildcardRemovesAll()
    {
        var two = Apply(Apply([], Register(1, "<sip:a@192.0.2.10>")).Bindings, Register(1, "<sip:b@192.0.2.11>", callId: "reg-2")).Bindings;
        two.Count.ShouldBe(2);
        Apply(two, Register(2, "<sip:a@192.0.2.10>", "0")).Bindings.Select(b => b.ContactUri).ShouldBe(["sip:b@192.0.2.11"]);
        var all = Apply(two, Register(9, "*", "0"));
        (all.Changed, all.Bindings.Count).ShouldBe((true, 0));
        Apply(two, Register(9, "*", "60")).ErrorStatus.ShouldBe(SipStatusCodes.BadRequest);
    }

    [Fact]
    public void BindingsBeyondTheLimit_TheMostRecentAreKept()
    {
        var first = Apply([], Register(1, "<sip:a@192.0.2.10>"), maxBindings: 1).Bindings;
        var second = BindingRules.Apply(first, Register(1, "<sip:b@192.0.2.11>", callId: "reg-2"), "udp:192.0.2.11:5060", Now.AddSeconds(10), Min, Max, 1);
        second.Bindings.Select(b => b.ContactUri).ShouldBe(["sip:b@192.0.2.11"]);
    }

    [Fact]
    public void ContactHeaders_ListEveryBindingWithTheSecondsItHasLeft()
    {
        var bindings = Apply([], Register(1, "<sip:a@192.0.2.10>;expires=600")).Bindings;
        BindingRules.ContactHeaders(bindings, Now.AddSeconds(100.5)).ShouldBe(["<sip:a@192.0.2.10>;expires=500"]);
    }
}
