using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.CentrexFeatures;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Centrex;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>An account's voicemail: <c>GET|PUT /api/v1/centrex/voicemail/{accountId}</c>.</summary>
/// <remarks>
/// <para>
/// Open to every realm within its scope (an account reaches only its own mailbox); customer individuals need the
/// <c>voicemail</c> section. A PUT changes only the members it sends. An account never configured reads as voicemail
/// off with the defaults.
/// </para>
/// <para>
/// The PIN is write-only: it is stored as a slow hash, answered as <c>pinSet</c>/<c>pinChangedAt</c>, and masked in
/// the audit trail. Someone who forgot it sets a new one. Voicemail cannot be on without a PIN, and the audio can
/// only be attached to an e-mail that has an address.
/// </para>
/// </remarks>
public static class VoicemailApi
{
    public sealed record UpdateVoicemail : IValidatable
    {
        public Optional<bool> Enabled { get; init; }
        public Optional<string?> Pin { get; init; }
        public Optional<VoicemailGreeting> GreetingType { get; init; }
        public Optional<string?> Email { get; init; }
        public Optional<bool> AttachAudio { get; init; }
        public Optional<VoicemailWhenFull> WhenFull { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Pin.Value is { } pin && FeaturePins.CheckVoicemail(pin) is { } why) errors.Add("pin", why);
            FieldRules.Email(errors, "email", Email.Value);
        }
    }

    public sealed record VoicemailResponse(
        string AccountId, bool Enabled, bool PinSet, DateTime? PinChangedAt, VoicemailGreeting GreetingType, string? Email, bool AttachAudio,
        VoicemailWhenFull WhenFull, DateTime? UpdatedAt);

    public static RouteGroupBuilder MapVoicemailApi(this RouteGroupBuilder centrex)
    {
        var voicemail = centrex.MapGroup("/voicemail").WithTags("IP Centrex features");
        voicemail.MapGet("/{accountId}", Get).Allow(Realms.All, Section.Voicemail, Operation.Read)
            .WithSummary("An account's voicemail settings (the PIN only as pinSet); optional domain for installations serving several SIP domains");
        voicemail.MapPut("/{accountId}", Put).Allow(Realms.All, Section.Voicemail, Operation.Modify)
            .WithSummary("Change an account's voicemail: send only what changes (enabled, pin, greetingType, email, attachAudio, whenFull)");
        return voicemail;
    }

    private static async Task<Results<Ok<VoicemailResponse>, ProblemHttpResult>> Get(
        string accountId, string? domain, TollgateDb db, FeatureTargets targets, CancellationToken ct)
    {
        var (account, problem) = await targets.FindAccountAsync(db, accountId, domain, ct);
        if (problem is not null) return problem.ToResult();
        var stored = await db.Voicemails.AsNoTracking().FirstOrDefaultAsync(v => v.AccountId == account!.Id, ct);
        return TypedResults.Ok(View(account!, stored));
    }

    private static async Task<Results<Ok<VoicemailResponse>, ProblemHttpResult>> Put(
        string accountId, string? domain, Body<UpdateVoicemail> body, TollgateDb db, FeatureTargets targets, CallerAccessor callers,
        PasswordHasher hasher, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        // Hashing is slow on purpose; it is done before the write lock is taken.
        var pinHash = input.Pin.Value is { } pin ? hasher.Hash(pin) : null;
        await using var tx = await db.BeginWriteAsync(ct);
        var (account, problem) = await targets.FindAccountAsync(db, accountId, domain, ct);
        if (problem is not null) return problem.ToResult();
        if (FeatureTargets.RefuseChange(callers.Required, account!) is { } refused) return refused.ToResult();
        await db.LockForUpdateAsync<Account>(account!.Id, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var voicemail = await db.Voicemails.FirstOrDefaultAsync(v => v.AccountId == account.Id, ct);
        if (voicemail is null)
        {
            voicemail = new Voicemail { AccountId = account.Id, CustomerId = account.CustomerId, ResellerId = account.ResellerId };
            db.Voicemails.Add(voicemail);
        }
        voicemail.Enabled = input.Enabled.Or(voicemail.Enabled);
        voicemail.GreetingType = input.GreetingType.Or(voicemail.GreetingType);
        voicemail.Email = input.Email.Or(voicemail.Email);
        voicemail.AttachAudio = input.AttachAudio.Or(voicemail.AttachAudio);
        voicemail.WhenFull = input.WhenFull.Or(voicemail.WhenFull);
        if (input.Pin.HasValue)
        {
            voicemail.PinHash = pinHash;
            voicemail.PinChangedAt = now;
        }

        // Rules across members are checked on the result, so a PUT cannot break them by sending one side only.
        var errors = new ValidationErrors();
        if (voicemail.Enabled && voicemail.PinHash is null)
            errors.Add(input.Pin.HasValue ? "pin" : "enabled", "voicemail cannot be enabled without a PIN; send pin as well");
        if (voicemail.AttachAudio && voicemail.Email is null)
            errors.Add(input.Email.HasValue ? "email" : "attachAudio", "the audio can be attached only to an e-mail; send email as well");
        if (errors.Any) return errors.ToProblem().ToResult();

        voicemail.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(View(account, voicemail));
    }

    private static VoicemailResponse View(Account account, Voicemail? v) => v is null
        ? new VoicemailResponse(account.AccountId, false, false, null, VoicemailGreeting.Standard, null, false, VoicemailWhenFull.Reject, null)
        : new VoicemailResponse(account.AccountId, v.Enabled, v.PinHash is not null, v.PinChangedAt, v.GreetingType, v.Email, v.AttachAudio,
            v.WhenFull, v.UpdatedAt);
}
