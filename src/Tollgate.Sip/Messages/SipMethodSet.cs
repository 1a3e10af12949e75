namespace Tollgate.Sip.Messages;

/// <summary>A set of known SIP methods, as carried by an <c>Allow</c> header (RFC 3261 §20.5).</summary>
/// <remarks>
/// A set is what a party said it allows. Whether it said anything is a separate question: a message without
/// <c>Allow</c> means "unknown", so code that tracks a peer holds a <c>SipMethodSet?</c> where null is unknown.
/// Unknown method names in an <c>Allow</c> header are not representable and are dropped.
/// </remarks>
[Flags]
public enum SipMethodSet
{
    None = 0,
    Invite = 1 << 0,
    Ack = 1 << 1,
    Bye = 1 << 2,
    Cancel = 1 << 3,
    Options = 1 << 4,
    Register = 1 << 5,
    Prack = 1 << 6,
    Subscribe = 1 << 7,
    Notify = 1 << 8,
    Publish = 1 << 9,
    Info = 1 << 10,
    Refer = 1 << 11,
    Message = 1 << 12,
    Update = 1 << 13,
}
