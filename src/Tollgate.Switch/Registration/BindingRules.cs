using System.Globalization;
using Tollgate.Domain.Switching;
using Tollgate.Sip.Messages;

namespace Tollgate.Switch.Registration;

/// <summary>What a REGISTER does to an account's bindings (RFC 3261 §10.3, steps 6 to 8).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>No Contact: a query; the bindings are listed unchanged.</item>
/// <item><c>Contact: *</c> with <c>Expires: 0</c> removes every binding; <c>*</c> with anything else is a 400.</item>
/// <item>Each contact's lifetime is its <c>expires</c> parameter, else the Expires header, else the longest allowed;
/// longer ones are shortened to the longest allowed, and a non-zero lifetime below the shortest allowed makes the
/// whole request fail with 423 and Min-Expires (nothing is changed).</item>
/// <item>A contact already bound by a REGISTER with the same Call-ID and an equal or higher CSeq means this request is
/// old or repeated: it fails with 500 and nothing is changed.</item>
/// <item>Lifetime 0 removes the contact; otherwise it is bound (again) from now, with this request's User-Agent.</item>
/// <item>An account keeps at most <c>maxBindings</c>; the most recently registered win.</item>
/// </list>
/// </remarks>
public static class BindingRules
{
    public static BindingResult Apply(IReadOnlyList<SipBinding> current, SipRequest register, string source, DateTime now,
        TimeSpan minimum, TimeSpan maximum, int maxBindings)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(register);
        var callId = register.CallId;
        var cseq = register.CSeq.Number;
        if (register.IsWildcardContact)
        {
            if (register.Expires != 0 || register.Contacts.Count > 0)
                return BindingResult.Fail(SipStatusCodes.BadRequest, "Wildcard Contact Needs Expires: 0");
            return current.Any(b => b.CallId == callId && b.CSeq >= cseq)
                ? BindingResult.Fail(SipStatusCodes.ServerInternalError, "Out Of Order Request")
                : new BindingResult([], true);
        }

        if (register.Contacts.Count == 0) return new BindingResult(current, false);

        var bindings = current.ToList();
        foreach (var contact in register.Contacts)
        {
            var seconds = (long?)contact.Expires ?? register.Expires ?? (long)maximum.TotalSeconds;
            var lifetime = TimeSpan.FromSeconds(Math.Min(seconds, (long)maximum.TotalSeconds));
            if (lifetime > TimeSpan.Zero && lifetime < minimum)
                return BindingResult.Fail(SipStatusCodes.IntervalTooBrief, null, (uint)minimum.TotalSeconds);

            var uri = contact.Uri.ToString();
            var existing = bindings.FindIndex(b => b.ContactUri == uri);
            if (existing >= 0 && bindings[existing].CallId == callId && bindings[existing].CSeq >= cseq)
                return BindingResult.Fail(SipStatusCodes.ServerInternalError, "Out Of Order Request");
            if (existing >= 0) bindings.RemoveAt(existing);
            if (lifetime > TimeSpan.Zero)
                bindings.Add(new SipBinding(uri, source, register.GetHeaderValue(KnownHeader.UserAgent), callId, cseq, now, now + lifetime));
        }

        return new BindingResult(bindings.OrderByDescending(b => b.RegisteredAt).Take(maxBindings).ToList(), true);
    }

    /// <summary>The Contact header values of a 200 to REGISTER: every binding with the seconds it has left.</summary>
    public static IEnumerable<string> ContactHeaders(IEnumerable<SipBinding> bindings, DateTime now) =>
        bindings.Select(b => $"<{b.ContactUri}>;expires={Math.Max(0, (long)Math.Ceiling((b.ExpiresAt - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture)}");
}

/// <summary>The bindings after a REGISTER, or why it fails.</summary>
/// <param name="Changed">Whether the bindings must be stored (false for a query).</param>
/// <param name="ErrorStatus">Set when the REGISTER fails; nothing is changed then.</param>
/// <param name="MinExpires">For 423: the shortest registration allowed.</param>
public sealed record BindingResult(IReadOnlyList<SipBinding> Bindings, bool Changed, int? ErrorStatus = null, string? ErrorReason = null,
    uint? MinExpires = null)
{
    public static BindingResult Fail(int status, string? reason, uint? minExpires = null) => new([], false, status, reason, minExpires);
}
