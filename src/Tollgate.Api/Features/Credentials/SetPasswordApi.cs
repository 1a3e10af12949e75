using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Audit;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Credentials;

/// <summary><c>POST /api/v1/auth/set-password</c>: completes a credentials e-mail by setting the password with its link.</summary>
public static class SetPasswordApi
{
    public sealed record SetPasswordRequest : IValidatable
    {
        public required string Token { get; init; }
        public required string Password { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (string.IsNullOrWhiteSpace(Token) || Token.Length > 200) errors.Add("token", "must be the token of a set-password link");
            if (Password.Length == 0) errors.Add("password", "must not be empty");
        }
    }

    /// <summary>Where to sign in now: the realm and login the password belongs to.</summary>
    public sealed record SetPasswordResponse(string Realm, string Login);

    public static RouteGroupBuilder MapSetPasswordApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/set-password", SetPassword).AllowAnonymousAccess().WithTags("Sign-in")
            .WithSummary("Set a password with the single-use link of a credentials e-mail (valid 72 hours)");
        return api;
    }

    private static async Task<Results<Ok<SetPasswordResponse>, ProblemHttpResult>> SetPassword(
        Body<SetPasswordRequest> body, TollgateDbFactory databases, SetPasswordTokens links, CredentialStore credentials,
        TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        // Nobody is signed in: the link itself says whose password this is, and the change is audited as theirs.
        await using var db = databases.CreateSystem();
        await using var tx = await db.BeginWriteAsync(ct);
        var (link, problem) = await links.FindUsableAsync(db, input.Token, ct);
        if (link is null) return problem!.ToResult();

        var credential = await db.Credentials.FirstAsync(c => c.Id == link.CredentialId, ct);
        if (PasswordPolicy.Check(input.Password, credential.Login) is { Count: > 0 } reasons)
            return Problem.Validation(new Dictionary<string, string[]> { ["password"] = [.. reasons] }).ToResult();

        db.Actor = new AuditActor(credential.Owner.ToString().ToLowerInvariant(), credential.OwnerId, credential.Login);
        await TrackOwnerAsync(db, credential, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await links.RetireAsync(db, credential.Id, now, ct);
        await credentials.SetPasswordAsync(db, credential, input.Password, keep: null, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new SetPasswordResponse(credential.Realm.WireName(), credential.Login));
    }

    // Loading the owner lets the audit trail file the change under the owner's customer.
    private static async Task TrackOwnerAsync(TollgateDb db, Credential credential, CancellationToken ct)
    {
        _ = credential.Owner switch
        {
            CredentialOwner.Individual => await db.Set<Individual>().FirstOrDefaultAsync(i => i.Id == credential.OwnerId, ct) as object,
            CredentialOwner.Customer => await db.Customers.FirstOrDefaultAsync(c => c.Id == credential.OwnerId, ct),
            CredentialOwner.Account => await db.Accounts.FirstOrDefaultAsync(a => a.Id == credential.OwnerId, ct),
            _ => null,
        };
    }
}
