using Tollgate.Domain.Switching;
using Tollgate.Sip.Authentication;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;

namespace Tollgate.Switch;

/// <summary>Digest authentication of REGISTER (401/Authorization) and INVITE (407/Proxy-Authorization) against accounts.</summary>
/// <remarks>
/// The digest username is the account's <c>accountId</c> and the secret its SIP password, which billing hands over only
/// for the check and which is never logged. An unknown account and a wrong password both come out as
/// <see cref="DigestOutcome.Invalid"/>, so the answer does not tell which accounts exist.
/// </remarks>
internal sealed class SipAuthentication(SwitchContext context)
{
    public async Task<(DigestOutcome Outcome, SipIdentity? Identity)> AuthenticateAsync(SipRequest request, bool proxy, CancellationToken ct)
    {
        var realm = context.Options.Realm;
        string? username = null;
        foreach (var value in request.GetHeaderValues(proxy ? KnownHeader.ProxyAuthorization : KnownHeader.Authorization))
        {
            if (DigestCredentials.TryParse(value, out var credentials) && credentials!.Realm.Equals(realm, StringComparison.Ordinal))
            {
                username = credentials.Username;
                break;
            }
        }

        var identity = username is null ? null : await context.Billing.FindIdentityAsync(username, ct);
        var outcome = context.Authenticator.Authenticate(request, realm,
            user => identity is { SipPassword.Length: > 0 } && user == identity.AccountName ? DigestSecret.FromPassword(identity.SipPassword) : null,
            out _, proxy);
        return (outcome, outcome == DigestOutcome.Valid ? identity : null);
    }

    /// <summary>Answers a request that must authenticate first: a challenge, 403 for wrong credentials, 400 for unreadable ones.</summary>
    /// <returns>True when a response was sent (the request is not authenticated).</returns>
    public bool RespondUnauthenticated(IncomingRequest incoming, DigestOutcome outcome, bool proxy)
    {
        switch (outcome)
        {
            case DigestOutcome.Valid:
                return false;
            case DigestOutcome.Malformed:
                incoming.Respond(SipStatusCodes.BadRequest, "Malformed Credentials");
                return true;
            case DigestOutcome.Invalid:
                incoming.Respond(SipStatusCodes.Forbidden, "Wrong Credentials");
                return true;
            default:
                incoming.Respond(context.Authenticator.Challenge(incoming.Request, context.Options.Realm,
                    stale: outcome == DigestOutcome.Stale, toTag: incoming.LocalTag, proxy: proxy));
                return true;
        }
    }
}
