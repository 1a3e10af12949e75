namespace Tollgate.Sip.Dialogs;

/// <summary>The randomized wait before retrying a re-INVITE or UPDATE that drew 491 Request Pending (RFC 3261 §14.1).</summary>
public static class GlareBackoff
{
    /// <summary>
    /// The owner of the Call-ID (the side that sent the dialog's first INVITE) waits 2.1 to 4 s, the other side 0 to
    /// 2 s, both in units of 10 ms, so the two sides do not collide again.
    /// </summary>
    public static TimeSpan Next(bool ownsCallId, ISipRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return ownsCallId
            ? TimeSpan.FromMilliseconds(2100 + (10 * random.NextInt(191)))
            : TimeSpan.FromMilliseconds(10 * random.NextInt(201));
    }
}
