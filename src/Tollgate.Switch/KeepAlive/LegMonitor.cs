using Tollgate.Sip.Messages;

namespace Tollgate.Switch.KeepAlive;

/// <summary>The keep-alive state of one call leg: when to check it next, how, and whether it has failed for good.</summary>
/// <remarks>
/// <para>Method: UPDATE without SDP when the party's latest Allow lists UPDATE; a re-INVITE with the unchanged SDP
/// when it lists only INVITE, when it never sent Allow, when a service policy forbids UPDATE on the leg, or once the
/// party has answered an UPDATE with 405/501 or not at all (then for the rest of the call).</para>
/// <para>Failures: a keep-alive that gets no answer, or 408 or 481, is sent again at once, up to
/// <c>retries</c> times; when the last one fails too the leg is dead. Any other answer makes the leg alive again and
/// forgets earlier failures. The moment the first of a run of failed keep-alives was sent is
/// <see cref="FirstFailedAt"/>: the call is billed up to then, so at most one interval of a dead call is charged.</para>
/// <para>Not thread-safe: the call that owns it serialises access. All times are passed in, so a test drives it with
/// any clock.</para>
/// </remarks>
public sealed class LegMonitor
{
    private readonly bool _forbidUpdate;
    private readonly int _retries;
    private bool _fellBack;
    private bool _inFlight;

    public LegMonitor(TimeSpan interval, bool forbidUpdate, int retries, DateTime start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        Interval = interval;
        _forbidUpdate = forbidUpdate;
        _retries = retries;
        NextDue = start + interval;
    }

    public TimeSpan Interval { get; private set; }

    /// <summary>When the next keep-alive is due; null while one is under way.</summary>
    public DateTime? NextDue { get; private set; }

    /// <summary>The method of the last keep-alive sent (<see cref="KeepAliveMethod.None"/> before the first).</summary>
    public KeepAliveMethod LastMethod { get; private set; }

    /// <summary>True once UPDATE was given up on this leg.</summary>
    public bool FellBack => _fellBack;

    /// <summary>Failed keep-alives in a row.</summary>
    public int Failures { get; private set; }

    /// <summary>When the first keep-alive of the current run of failures was sent.</summary>
    public DateTime? FirstFailedAt { get; private set; }

    /// <summary>Keep-alives sent, and answered by the party, so far.</summary>
    public int Sent { get; private set; }

    public int Answered { get; private set; }

    private DateTime _sentAt;

    /// <summary>The method a keep-alive would use now, given what the party last said it allows (null: never said).</summary>
    public KeepAliveMethod Choose(SipMethodSet? remoteAllow) =>
        _forbidUpdate || _fellBack || remoteAllow is not { } allow || !allow.HasFlag(SipMethodSet.Update)
            ? KeepAliveMethod.ReInvite
            : KeepAliveMethod.Update;

    public bool IsDue(DateTime now) => !_inFlight && NextDue is { } due && due <= now;

    /// <summary>Shortens the interval, for a leg on which the switch is the RFC 4028 refresher (half the session interval).</summary>
    public void LimitInterval(TimeSpan most)
    {
        if (most <= TimeSpan.Zero || most >= Interval) return;
        var shortenedBy = Interval - most;
        Interval = most;
        if (NextDue is { } due) NextDue = due - shortenedBy;
    }

    /// <summary>A keep-alive is being sent at <paramref name="now"/>; returns its method.</summary>
    public KeepAliveMethod Begin(DateTime now, SipMethodSet? remoteAllow)
    {
        if (_inFlight) throw new InvalidOperationException("A keep-alive is already under way on this leg.");
        _inFlight = true;
        _sentAt = now;
        NextDue = null;
        Sent++;
        LastMethod = Choose(remoteAllow);
        return LastMethod;
    }

    /// <summary>The keep-alive begun last came back with <paramref name="result"/> at <paramref name="now"/>.</summary>
    public KeepAliveStep Complete(DateTime now, KeepAliveResult result)
    {
        if (!_inFlight) throw new InvalidOperationException("No keep-alive is under way on this leg.");
        _inFlight = false;
        switch (result)
        {
            case KeepAliveResult.Alive or KeepAliveResult.AliveButNoUpdate or KeepAliveResult.Busy:
                if (result == KeepAliveResult.AliveButNoUpdate) _fellBack = true;
                if (result != KeepAliveResult.Busy) Answered++;
                Failures = 0;
                FirstFailedAt = null;
                NextDue = now + Interval;
                return KeepAliveStep.Alive;

            case KeepAliveResult.DialogEnded:
                return KeepAliveStep.Stop;

            default:
                if (result == KeepAliveResult.FailedUpdate) _fellBack = true;
                FirstFailedAt ??= _sentAt;
                Failures++;
                return Failures > _retries ? KeepAliveStep.Dead : KeepAliveStep.Retry;
        }
    }
}

/// <summary>What to do after a keep-alive came back.</summary>
public enum KeepAliveStep
{
    /// <summary>The party is there; the next keep-alive is due after the interval.</summary>
    Alive,

    /// <summary>The keep-alive failed, and retries remain: send another now.</summary>
    Retry,

    /// <summary>The last retry failed too: end the call, billed up to <see cref="LegMonitor.FirstFailedAt"/>.</summary>
    Dead,

    /// <summary>The dialog is gone already; nothing more to check.</summary>
    Stop,
}
