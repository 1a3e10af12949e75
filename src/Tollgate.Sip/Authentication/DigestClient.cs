using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Authentication;

/// <summary>Client side of Digest authentication: answering a 401/407 challenge (RFC 3261 §22.2, §22.3).</summary>
public static class DigestClient
{
    /// <summary>The strongest Digest challenge a 401/407 carries that this library can answer, or null.</summary>
    public static DigestChallenge? SelectChallenge(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.StatusCode == SipStatusCodes.ProxyAuthenticationRequired
            ? KnownHeader.ProxyAuthenticate : KnownHeader.WwwAuthenticate;
        DigestChallenge? best = null;
        foreach (var value in response.GetHeaderValues(header))
        {
            if (DigestChallenge.TryParse(value, out var c) && (best is null || Rank(c!.Algorithm) > Rank(best.Algorithm)))
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Computes credentials for a challenge, using qop=auth when offered.</summary>
    public static DigestCredentials Answer(DigestChallenge challenge, string username, string password, SipMethod method,
        string requestUri, ISipRandom random, uint nonceCount = 1)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(method);
        var qop = challenge.OffersAuth ? "auth" : null;
        var cnonce = qop is null && !challenge.Algorithm.IsSession() ? null : SipIdentifiers.Text(random, 16);
        var nc = qop is null ? null : DigestChallenge.FormatNonceCount(nonceCount);
        var ha1 = DigestHash.ComputeHa1(challenge.Algorithm, username, challenge.Realm, password);
        return new DigestCredentials
        {
            Username = username,
            Realm = challenge.Realm,
            Nonce = challenge.Nonce,
            Uri = requestUri,
            Algorithm = challenge.Algorithm,
            Opaque = challenge.Opaque,
            Qop = qop,
            NonceCount = nc,
            Cnonce = cnonce,
            Response = DigestHash.ComputeResponse(challenge.Algorithm, ha1, challenge.Nonce, nc, cnonce, qop, method.Name,
                requestUri),
        };
    }

    /// <summary>Adds Authorization (for a 401) or Proxy-Authorization (for a 407) answering the challenge.</summary>
    /// <returns>False when the response carries no challenge this library can answer.</returns>
    public static bool TryAuthorize(SipRequestBuilder request, SipResponse challengeResponse, string username,
        string password, ISipRandom random)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SelectChallenge(challengeResponse) is not { } challenge)
        {
            return false;
        }

        var header = challengeResponse.StatusCode == SipStatusCodes.ProxyAuthenticationRequired
            ? KnownHeader.ProxyAuthorization : KnownHeader.Authorization;
        var credentials = Answer(challenge, username, password, request.Method, request.RequestUri.ToString(), random);
        request.SetHeader(header, credentials.ToString());
        return true;
    }

    private static int Rank(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 => 3,
        DigestAlgorithm.Sha256Sess => 2,
        DigestAlgorithm.Md5 => 1,
        _ => 0,
    };
}
