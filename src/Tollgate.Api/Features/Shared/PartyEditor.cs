using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Shared;

/// <summary>Creates and changes the fields resellers and customers share, including their sign-in credential.</summary>
public sealed class PartyEditor(CredentialStore credentials, TimeProvider clock)
{
    /// <summary>Fills a new party from its body; the credential (if any) is attached and gets its owner id once saved.</summary>
    public void Fill(IParty party, NewParty input, Realm realm, CredentialOwner owner)
    {
        party.Name = input.Name.Trim();
        party.Email = input.Email?.Trim();
        party.Currency = FieldRules.NormalizeCurrency(input.Currency);
        party.BillingPeriod = input.BillingPeriod;
        party.TimeZone = input.TimeZone;
        party.Status = PartyStatus.Active;
        party.CreatedAt = clock.GetUtcNow().UtcDateTime;
        if (input.Login is not null) party.Credential = credentials.New(realm, owner, input.Login, input.Password);
    }

    /// <summary>Applies a PATCH. Returns a problem (login taken) without changing anything, or null when applied.</summary>
    public async Task<Problem?> ApplyAsync(TollgateDb db, IParty party, PartyPatch patch, Realm realm, CredentialOwner owner,
        Guid? callerSession, CancellationToken ct)
    {
        if (patch.Login.HasValue && patch.Login.Value is { } login &&
            await credentials.CheckFreeAsync(db, realm, login, "login", party.CredentialId, ct) is { } taken)
            return taken;
        if (patch.Password.HasValue && party.Credential is null && !(patch.Login.HasValue && patch.Login.Value is not null))
            return Problem.Validation("login", "is required when a password is given (this party has no login yet)");

        if (patch.Name.HasValue) party.Name = patch.Name.Value.Trim();
        if (patch.Email.HasValue) party.Email = patch.Email.Value?.Trim();
        if (patch.BillingPeriod.HasValue) party.BillingPeriod = patch.BillingPeriod.Value;
        if (patch.TimeZone.HasValue) party.TimeZone = patch.TimeZone.Value;

        if (patch.Login.HasValue)
        {
            if (patch.Login.Value is null)
            {
                if (party.Credential is { } old)
                {
                    party.Credential = null;
                    party.CredentialId = null;
                    await credentials.RemoveAsync(db, old, ct);
                }
            }
            else if (party.Credential is null)
            {
                party.Credential = credentials.New(realm, owner, patch.Login.Value, null);
                party.Credential.OwnerId = party.Id;
            }
            else
            {
                CredentialStore.Rename(party.Credential, patch.Login.Value);
            }
        }
        if (patch.Password.HasValue && party.Credential is not null)
            await credentials.SetPasswordAsync(db, party.Credential, patch.Password.Value, callerSession, ct);
        return null;
    }

    /// <summary>Closes a party: it stays for invoices and history, but can no longer sign in.</summary>
    public async Task CloseAsync(TollgateDb db, IParty party, CancellationToken ct)
    {
        if (party.Status == PartyStatus.Closed) return;
        party.Status = PartyStatus.Closed;
        party.ClosedAt = clock.GetUtcNow().UtcDateTime;
        if (party.Credential is not null)
            await credentials.EndSessionsAsync(db, party.Credential, "closed", ct);
    }
}
