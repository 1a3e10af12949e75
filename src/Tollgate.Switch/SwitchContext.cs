using Microsoft.Extensions.Logging;
using Tollgate.Domain.Switching;
using Tollgate.Sip.Authentication;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Switch.Calls;

namespace Tollgate.Switch;

/// <summary>What every part of the switch shares: the stack, billing, the clock, the options and the live calls.</summary>
internal sealed class SwitchContext(
    SipStack stack,
    ISwitchBilling billing,
    ISipRegistrationStore registrations,
    TimeProvider clock,
    SwitchOptions options,
    DigestAuthenticator authenticator,
    ILoggerFactory loggers)
{
    /// <summary>The methods the switch handles on a call leg, as its Allow header lists them.</summary>
    public const SipMethodSet LegMethods = SipMethodSet.Invite | SipMethodSet.Ack | SipMethodSet.Bye | SipMethodSet.Cancel
        | SipMethodSet.Options | SipMethodSet.Info | SipMethodSet.Update;

    private static readonly string AllowAll = LegMethods.ToHeaderValue();
    private static readonly string AllowWithoutUpdate = (LegMethods & ~SipMethodSet.Update).ToHeaderValue();

    public SipStack Stack { get; } = stack;
    public ISwitchBilling Billing { get; } = billing;
    public ISipRegistrationStore Registrations { get; } = registrations;
    public TimeProvider Clock { get; } = clock;
    public SwitchOptions Options { get; } = options;
    public DigestAuthenticator Authenticator { get; } = authenticator;
    public ILoggerFactory Loggers { get; } = loggers;
    public CallTable Calls { get; } = new();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>The host the switch names itself by in From headers: the advertised host, or its first transport's address.</summary>
    public string Host => Options.AdvertisedHost ?? Stack.LocalContact(Stack.Transports[0]).Uri.Host;

    /// <summary>The Allow header for a leg: UPDATE offered unless a service policy forbids it there.</summary>
    public static string AllowFor(bool forbidUpdate) => forbidUpdate ? AllowWithoutUpdate : AllowAll;

    /// <summary>Sets the leg's Allow on a request or response the switch sends on it.</summary>
    public static SipRequestBuilder WithAllow(SipRequestBuilder builder, bool forbidUpdate) =>
        builder.SetHeader(KnownHeader.Allow, AllowFor(forbidUpdate));

    public static SipResponseBuilder WithAllow(SipResponseBuilder builder, bool forbidUpdate) =>
        builder.SetHeader(KnownHeader.Allow, AllowFor(forbidUpdate));
}
