namespace Tollgate.Domain.Switching;

/// <summary>Where the registrar keeps the contacts accounts registered, so that every switch process sees them.</summary>
/// <remarks>
/// The registrar applies RFC 3261 §10.3 itself (Call-ID and CSeq checks, expiry, wildcard removal) and hands over the
/// complete set of an account's bindings after each REGISTER; the store only keeps them. Expired bindings are never
/// returned, whether or not they have been deleted yet.
/// </remarks>
public interface ISipRegistrationStore
{
    /// <summary>The account's bindings that have not expired at <paramref name="now"/>, most recently registered first.</summary>
    Task<IReadOnlyList<SipBinding>> GetAsync(long accountKey, DateTime now, CancellationToken ct);

    /// <summary>Replaces all of the account's bindings with <paramref name="bindings"/> (empty: unregistered).</summary>
    Task ReplaceAsync(long accountKey, IReadOnlyList<SipBinding> bindings, CancellationToken ct);
}

/// <summary>One registered contact of an account (RFC 3261 §10: an address-of-record binding).</summary>
/// <param name="ContactUri">The Contact URI the phone registered, where calls to the account are sent.</param>
/// <param name="Source">Where the REGISTER came from, as <c>transport:address:port</c> (for people; calls go to the contact).</param>
/// <param name="UserAgent">The User-Agent header of the REGISTER, for service policies matched by pattern.</param>
/// <param name="CallId">The Call-ID of the REGISTER that made the binding; a later REGISTER with the same Call-ID must have a higher <paramref name="CSeq"/>.</param>
public sealed record SipBinding(
    string ContactUri,
    string Source,
    string? UserAgent,
    string CallId,
    uint CSeq,
    DateTime RegisteredAt,
    DateTime ExpiresAt);
