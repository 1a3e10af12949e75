using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NodaTime;
using Tollgate.Api.Features.Credentials;
using Tollgate.Api.Outbox;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Individuals;

/// <summary>The e-mail that gives an individual its sign-in: portal, login and a single-use link to set the password.</summary>
/// <remarks>
/// Never a password. When the credentials start working later, the e-mail says from which date (in the individual's
/// zone); the link itself can be used at once. The body is marked sensitive, so the outbox blanks it once delivered.
/// </remarks>
public sealed class CredentialsEmail(IOutbox outbox, IOptions<PortalOptions> portal, TimeProvider clock)
{
    public void Enqueue(TollgateDb db, Individual individual, string customerName, IssuedLink link, bool first)
    {
        var zone = individual.TimeZone;
        var validity = individual.Validity();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hello {individual.FirstName},\n\n");
        text.Append(first
            ? $"a personal sign-in to the {customerName} self-care portal was created for you.\n\n"
            : $"here is a new link to set your password for the {customerName} self-care portal.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"  Portal:  {portal.Value.Url}\n  Realm:   customer\n  Login:   {individual.Credential.Login}\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Choose your password with this link. It works once, until {Local(link.ExpiresAt, zone)} ({zone}):\n\n  {link.Url}\n\n");
        if (validity.StateAt(clock.GetUtcNow()) == ValidityState.NotYetActive)
            text.Append(CultureInfo.InvariantCulture,
                $"Your credentials work from {IndividualOwner.Day(validity.ActivationDate!.Value)} ({zone}); you cannot sign in before then.\n\n");
        if (validity.ExpirationDate is { } last)
            text.Append(CultureInfo.InvariantCulture, $"They work through {IndividualOwner.Day(last)} ({zone}).\n\n");
        text.Append("Tollgate never sends passwords by e-mail. If you did not expect this message, you can ignore it.\n");

        var subject = first ? $"Your sign-in to the {customerName} self-care portal" : $"Set your password for the {customerName} self-care portal";
        outbox.Enqueue(db, new OutgoingEmail(individual.Email, $"{individual.FirstName} {individual.LastName}".Trim(), subject, text.ToString())
        {
            Sensitive = true,
            CustomerId = individual.CustomerId,
        });
    }

    private static string Local(DateTime utc, string zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(DateTimeZoneProviders.Tzdb[zone])
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
