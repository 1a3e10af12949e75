using Tollgate.Domain.Parties;

namespace Tollgate.Domain.Centrex;

/// <summary>What a block or unblock request does to an account.</summary>
public enum BlockOutcome
{
    /// <summary>The account's status or its blocker changes.</summary>
    Changed,

    /// <summary>Nothing to do: it is already in the state asked for, by the same party.</summary>
    Unchanged,

    /// <summary>The account is closed: neither blocking nor unblocking applies.</summary>
    Closed,

    /// <summary>A party of higher rank blocked it; the caller can neither lift nor take over that block.</summary>
    HeldByHigher,
}

/// <summary>The result of <see cref="AccountBlocking"/>: the outcome and who blocks the account afterwards (null: not blocked).</summary>
public sealed record BlockDecision(BlockOutcome Outcome, BlockedBy? BlockedBy);

/// <summary>Blocking and unblocking accounts by parties of different rank (administrator, reseller, customer).</summary>
/// <remarks>
/// <para>
/// A block remembers who set it. A party may lift a block it or a lower party set, never a higher party's. Blocking an
/// account a lower party blocked takes the block over (so the lower party can no longer lift it); blocking one a
/// higher party blocked is refused like lifting it, since it would otherwise look as if the caller controlled it.
/// </para>
/// <para>
/// An account marked blocked without a blocker (written before blockers were recorded) counts as blocked by the
/// administrator: the safe reading.
/// </para>
/// </remarks>
public static class AccountBlocking
{
    public static BlockDecision Block(AccountStatus status, BlockedBy? current, BlockedBy actor)
    {
        if (status == AccountStatus.Closed) return new(BlockOutcome.Closed, current);
        if (status == AccountStatus.Active) return new(BlockOutcome.Changed, actor);
        var holder = current ?? BlockedBy.Administrator;
        if (actor > holder) return new(BlockOutcome.Changed, actor);
        return actor == holder ? new(BlockOutcome.Unchanged, holder) : new(BlockOutcome.HeldByHigher, holder);
    }

    public static BlockDecision Unblock(AccountStatus status, BlockedBy? current, BlockedBy actor)
    {
        if (status == AccountStatus.Closed) return new(BlockOutcome.Closed, current);
        if (status == AccountStatus.Active) return new(BlockOutcome.Unchanged, null);
        var holder = current ?? BlockedBy.Administrator;
        return actor >= holder ? new(BlockOutcome.Changed, null) : new(BlockOutcome.HeldByHigher, holder);
    }

    /// <summary>Whether a party of rank <paramref name="actor"/> may change an account in this state (its products, aliases, name …).</summary>
    /// <remarks>An account blocked by a higher party is frozen for lower ones: only the blocker (or a higher one) may touch it.</remarks>
    public static bool MayChange(AccountStatus status, BlockedBy? current, BlockedBy actor) =>
        status != AccountStatus.Blocked || actor >= (current ?? BlockedBy.Administrator);
}
