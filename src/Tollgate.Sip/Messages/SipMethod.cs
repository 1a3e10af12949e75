using System.Text;

namespace Tollgate.Sip.Messages;

/// <summary>A SIP request method (RFC 3261 §7.1); methods are case-sensitive tokens.</summary>
/// <remarks>
/// The methods this library knows are singletons, so parsing a known method allocates nothing and two known
/// methods can be compared by reference. An unknown method (RFC 4475 "intmeth") is still a valid method: it gets its
/// own instance and <see cref="Flag"/> is <see cref="SipMethodSet.None"/>. "IN%56ITE" is not INVITE: no unescaping.
/// </remarks>
public sealed class SipMethod : IEquatable<SipMethod>
{
    // RFC 3261 §27.4 and the extensions a B2BUA meets.
    public static readonly SipMethod Invite = new("INVITE", SipMethodSet.Invite);
    public static readonly SipMethod Ack = new("ACK", SipMethodSet.Ack);
    public static readonly SipMethod Bye = new("BYE", SipMethodSet.Bye);
    public static readonly SipMethod Cancel = new("CANCEL", SipMethodSet.Cancel);
    public static readonly SipMethod Options = new("OPTIONS", SipMethodSet.Options);
    public static readonly SipMethod Register = new("REGISTER", SipMethodSet.Register);
    public static readonly SipMethod Prack = new("PRACK", SipMethodSet.Prack);        // RFC 3262
    public static readonly SipMethod Subscribe = new("SUBSCRIBE", SipMethodSet.Subscribe); // RFC 6665
    public static readonly SipMethod Notify = new("NOTIFY", SipMethodSet.Notify);     // RFC 6665
    public static readonly SipMethod Publish = new("PUBLISH", SipMethodSet.Publish);  // RFC 3903
    public static readonly SipMethod Info = new("INFO", SipMethodSet.Info);           // RFC 6086
    public static readonly SipMethod Refer = new("REFER", SipMethodSet.Refer);        // RFC 3515
    public static readonly SipMethod Message = new("MESSAGE", SipMethodSet.Message);  // RFC 3428
    public static readonly SipMethod Update = new("UPDATE", SipMethodSet.Update);      // RFC 3311

    private static readonly SipMethod[] Known =
        [Invite, Ack, Bye, Cancel, Options, Register, Prack, Subscribe, Notify, Publish, Info, Refer, Message, Update];

    private SipMethod(string name, SipMethodSet flag)
    {
        Name = name;
        Flag = flag;
    }

    /// <summary>The method token exactly as written.</summary>
    public string Name { get; }

    /// <summary>The bit of this method in a <see cref="SipMethodSet"/>, or none for an unknown method.</summary>
    public SipMethodSet Flag { get; }

    /// <summary>True when the library knows this method.</summary>
    public bool IsKnown => Flag != SipMethodSet.None;

    /// <summary>All methods the library knows, in RFC order.</summary>
    public static IReadOnlyList<SipMethod> KnownMethods => Known;

    /// <summary>Gets the method for a token; returns the shared instance for known methods.</summary>
    public static SipMethod FromName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var m in Known)
        {
            if (m.Name == name)
            {
                return m;
            }
        }

        return new SipMethod(name, SipMethodSet.None);
    }

    /// <summary>Gets the method for a UTF-8 token without allocating when it is a known one.</summary>
    public static SipMethod FromUtf8(ReadOnlySpan<byte> token)
    {
        var known = FindKnown(token);
        return known ?? new SipMethod(Encoding.UTF8.GetString(token), SipMethodSet.None);
    }

    /// <summary>Gets the method that carries exactly one flag, or null for none or several.</summary>
    public static SipMethod? FromFlag(SipMethodSet flag)
    {
        foreach (var m in Known)
        {
            if (m.Flag == flag)
            {
                return m;
            }
        }

        return null;
    }

    internal static SipMethod? FindKnown(ReadOnlySpan<byte> token)
    {
        foreach (var m in Known)
        {
            if (token.Length == m.Name.Length && Ascii.Equals(token, m.Name))
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="token"/> spells this method exactly.</summary>
    internal bool Matches(ReadOnlySpan<byte> token) => token.Length == Name.Length && Ascii.Equals(token, Name);

    public bool Equals(SipMethod? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SipMethod m && Equals(m);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;

    public static bool operator ==(SipMethod? left, SipMethod? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(SipMethod? left, SipMethod? right) => !(left == right);
}
