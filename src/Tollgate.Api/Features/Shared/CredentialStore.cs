using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Shared;

/// <summary>Creates and changes the sign-in credentials of administrators, resellers, customers, individuals and accounts.</summary>
public sealed class CredentialStore(PasswordHasher hasher, TimeProvider clock, Auth.SignInService signIn)
{
    /// <summary>A 409 naming <paramref name="field"/> when the login is taken in the realm, else null.</summary>
    public async Task<Problem?> CheckFreeAsync(TollgateDb db, Realm realm, string login, string field, long? exceptCredentialId, CancellationToken ct)
    {
        var key = Credential.KeyOf(login);
        var taken = await db.Credentials.AnyAsync(c => c.Realm == realm && c.LoginKey == key && c.Id != exceptCredentialId, ct);
        return taken ? Problem.Duplicate(field, $"The login '{login}' is already used in the {realm.WireName()} realm.") : null;
    }

    public Credential New(Realm realm, CredentialOwner owner, string login, string? password) => new()
    {
        Realm = realm,
        Owner = owner,
        Login = login.Trim(),
        LoginKey = Credential.KeyOf(login),
        PasswordHash = password is null ? null : hasher.Hash(password),
        PasswordChangedAt = password is null ? null : clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>Sets a new password and ends the owner's sessions (but <paramref name="keep"/>), as a password change should.</summary>
    public async Task SetPasswordAsync(TollgateDb db, Credential credential, string password, Guid? keep, CancellationToken ct)
    {
        credential.PasswordHash = hasher.Hash(password);
        credential.PasswordChangedAt = clock.GetUtcNow().UtcDateTime;
        credential.FailedAttempts = 0;
        credential.LockedUntil = null;
        await signIn.RevokeAllAsync(db, credential.Owner, credential.OwnerId, "password changed", ct, keep);
    }

    /// <summary>Deletes a credential (its owner loses web sign-in) and ends its sessions.</summary>
    public async Task RemoveAsync(TollgateDb db, Credential credential, CancellationToken ct)
    {
        await EndSessionsAsync(db, credential, "login removed", ct);
        db.Credentials.Remove(credential);
    }

    /// <summary>Ends every session of a credential's owner.</summary>
    public Task EndSessionsAsync(TollgateDb db, Credential credential, string reason, CancellationToken ct) =>
        signIn.RevokeAllAsync(db, credential.Owner, credential.OwnerId, reason, ct);

    public static void Rename(Credential credential, string login)
    {
        credential.Login = login.Trim();
        credential.LoginKey = Credential.KeyOf(login);
    }

    /// <summary>Maps a unique-index violation on save to the 409 a client can act on; other failures propagate.</summary>
    public static async Task<Problem?> SaveAsync(TollgateDb db, string field, string detail, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Problem.Duplicate(field, detail);
        }
    }
}
