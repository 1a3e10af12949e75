using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Api.Auth;

/// <summary>Where a process finds the public keys that verify access tokens.</summary>
/// <remarks>
/// A process that runs the api role signs tokens and verifies them with its own key (<see cref="LocalVerificationKeys"/>).
/// A process without it (a separately started feature API or switch) fetches the api's published key set
/// (<see cref="JwksVerificationKeys"/>); it shares nothing else with the api but the database.
/// </remarks>
public interface IVerificationKeys
{
    /// <summary>The keys to try for a token whose header names <paramref name="keyId"/> (null: any).</summary>
    /// <remarks>Never throws for an unreachable key source: it answers <see cref="KeyLookup.Unavailable"/> instead.</remarks>
    ValueTask<KeyLookup> FindAsync(string? keyId, CancellationToken ct);

    /// <summary>Where the keys come from, for the start-up banner and logs.</summary>
    string Describe();
}

/// <summary>The answer of <see cref="IVerificationKeys.FindAsync"/>: keys to try, or why there are none yet.</summary>
public sealed record KeyLookup(IReadOnlyList<SecurityKey> Keys, string? Unavailable = null)
{
    public static KeyLookup None(string why) => new([], why);
}

/// <summary>The signing key of this process, which also verifies (the api role).</summary>
public sealed class LocalVerificationKeys(SigningKeys keys) : IVerificationKeys
{
    private readonly KeyLookup _lookup = new([keys.SecurityKey]);

    public ValueTask<KeyLookup> FindAsync(string? keyId, CancellationToken ct) => ValueTask.FromResult(_lookup);

    public string Describe() => $"own signing key {keys.KeyId}";
}

/// <summary>No key at all: a process that serves no API taking access tokens (the worker role alone).</summary>
public sealed class NoVerificationKeys(string why) : IVerificationKeys
{
    public ValueTask<KeyLookup> FindAsync(string? keyId, CancellationToken ct) => ValueTask.FromResult(KeyLookup.None(why));

    public string Describe() => "none";
}

/// <summary>Raised (as a validation result) when no key to verify a token could be obtained: the key source is down.</summary>
/// <remarks>Answered with 503, not 401: the token may be perfectly good, and a client must not throw it away.</remarks>
public sealed class TokenKeysUnavailableException(string message) : SecurityTokenException(message);
