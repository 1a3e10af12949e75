using Tollgate.Data.Parties;

namespace Tollgate.Data.Centrex;

/// <summary>What a PBX number stands for: an extension (a person's line) or an auto attendant.</summary>
public enum ExtensionKind
{
    Extension,
    AutoAttendant,
}

/// <summary>A number in a customer's hosted PBX and the account that answers it.</summary>
/// <remarks>
/// <para>
/// The switch routes a number dialled by an account of customer C to the account of the row with
/// (<see cref="CustomerId"/> = C, <see cref="Number"/> = the number); that pair is unique. An auto attendant has a
/// number only when it was given one (it is usually reached through a DID, an <see cref="AccountAlias"/>).
/// </para>
/// <para>
/// The row lives as long as its account is open: closing the account (deleting the extension) removes it, which frees
/// the number. The account stays, closed, with its subscriptions' history.
/// </para>
/// </remarks>
public sealed class Extension
{
    public long Id { get; set; }
    public long CustomerId { get; set; }

    /// <summary>The reseller above the customer, copied so tenant filters need no join.</summary>
    public long? ResellerId { get; set; }

    public ExtensionKind Kind { get; set; }

    /// <summary>What colleagues dial: 2–8 digits, unique within the customer; null for an auto attendant without one.</summary>
    public string? Number { get; set; }

    /// <summary>For an auto attendant, n of its account id <c>ph{customerId}aa{n}</c>.</summary>
    public int? AutoAttendantNumber { get; set; }

    public string? Name { get; set; }
    public long AccountId { get; set; }
    public Account Account { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
}
