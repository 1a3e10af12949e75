namespace Tollgate.Data.Centrex;

/// <summary>Another number an account answers to, such as a DID: unique across the installation.</summary>
/// <remarks>The switch routes a call for a number that is an alias to the alias's account, whoever calls.</remarks>
public sealed class AccountAlias
{
    public long Id { get; set; }

    /// <summary>The number, digits only (E.164 without '+').</summary>
    public required string Alias { get; set; }

    public long AccountId { get; set; }

    /// <summary>The account's customer and reseller, copied so tenant filters need no join.</summary>
    public long CustomerId { get; set; }

    public long? ResellerId { get; set; }
    public DateTime CreatedAt { get; set; }
}
