using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Auth;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Individuals;

/// <summary>Signs customer individuals in: their customer's tenant ids, refused outside their validity dates.</summary>
/// <remarks>
/// <see cref="OwnerState.ValidUntil"/> is the instant the expiration date ends in the individual's zone, so its
/// sessions (and the access tokens already issued for them) stop working at that moment without any event.
/// </remarks>
internal sealed class IndividualOwner : ICredentialOwnerResolver
{
    public CredentialOwner Owner => CredentialOwner.Individual;

    public async Task<OwnerState?> ResolveAsync(TollgateDb db, long ownerId, DateTime now, CancellationToken ct)
    {
        var i = await db.Set<Individual>().Where(x => x.Id == ownerId)
            .Select(x => new { x.CustomerId, x.ResellerId, x.TimeZone, x.ActivationDate, x.ExpirationDate, CustomerStatus = x.Customer.Status })
            .FirstOrDefaultAsync(ct);
        if (i is null) return null;
        var validity = new ValidityPeriod(i.ActivationDate, i.ExpirationDate, i.TimeZone);
        var refusal = i.CustomerStatus == PartyStatus.Closed
            ? Refusals.Closed("customer")
            : validity.StateAt(new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc))) switch
            {
                ValidityState.NotYetActive => NotYetActive(validity),
                ValidityState.Expired => Expired(validity),
                _ => null,
            };
        return new OwnerState(i.ResellerId, i.CustomerId, null) { Refusal = refusal, ValidUntil = validity.ValidUntil?.UtcDateTime };
    }

    public static Problem NotYetActive(ValidityPeriod validity) =>
        new(StatusCodes.Status403Forbidden, ProblemTypes.CredentialsNotYetActive, "These credentials do not work yet.",
            $"They work from {Day(validity.ActivationDate!.Value)} ({validity.TimeZone}).")
        {
            Extensions = new Dictionary<string, object?>
            {
                ["activationDate"] = Iso(validity.ActivationDate.Value),
                ["timeZone"] = validity.TimeZone,
                ["activeFrom"] = validity.ActiveFrom!.Value.UtcDateTime,
            },
        };

    public static Problem Expired(ValidityPeriod validity) =>
        new(StatusCodes.Status403Forbidden, ProblemTypes.CredentialsExpired, "These credentials have expired.",
            $"They worked through {Day(validity.ExpirationDate!.Value)} ({validity.TimeZone}).")
        {
            Extensions = new Dictionary<string, object?>
            {
                ["expirationDate"] = Iso(validity.ExpirationDate.Value),
                ["timeZone"] = validity.TimeZone,
            },
        };

    /// <summary>A date as people read it in an e-mail or a message: 20 April 2026.</summary>
    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
