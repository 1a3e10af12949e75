using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Auth;
using Tollgate.Api.Features.Credentials;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Time;

namespace Tollgate.Api.Features.Individuals;

/// <summary>Creates and changes customer individuals, keeping callers from giving or taking more than they have.</summary>
/// <remarks>
/// <para>
/// Whoever reaches the endpoints (an administrator, the customer's reseller, the customer's main login, an individual
/// whose role has <c>customerIndividuals: modify</c>) may only give roles the customer allows. On top of that, an
/// individual may give only roles that grant no more than its own, may manage only individuals whose role grants no
/// more than its own (changing someone's e-mail and re-sending the link would otherwise hand over their account), and
/// may not change its own role, validity dates or time zone, nor delete itself.
/// </para>
/// <para>
/// A changed role ends the individual's sessions. Changed dates or zone move the instant its sessions end, or end them
/// at once when the credentials are no longer valid now.
/// </para>
/// </remarks>
public sealed class IndividualService(
    CredentialStore credentials,
    SetPasswordTokens links,
    CredentialsEmail email,
    SignInService signIn,
    IPermissionSource permissions,
    CallerAccessor callers,
    TimeProvider clock)
{
    // What an individual may not change on itself: what decides its access.
    private static readonly string[] OwnAccessFields = ["roleId", "activationDate", "expirationDate", "timeZone"];

    public async Task<(Individual? Individual, Problem? Problem)> CreateAsync(TollgateDb db, long customerId, CreateIndividual input, CancellationToken ct)
    {
        await db.LockForUpdateAsync<Customer>(customerId, ct);
        var customer = await db.Customers.Where(c => c.Id == customerId)
            .Select(c => new { c.Name, c.ResellerId, c.Status, c.TimeZone }).FirstOrDefaultAsync(ct);
        if (customer is null) return (null, Problem.NotFound("customer", customerId));
        if (customer.Status == PartyStatus.Closed)
            return (null, Problem.Unprocessable($"Customer {customerId} is closed and cannot get new individuals."));

        var (role, refused) = await AllowedRoleAsync(db, customerId, input.RoleId, ct);
        if (role is null) return (null, refused);
        if (await MayGrantAsync(role, ct) is { } escalation) return (null, escalation);

        var zone = input.TimeZone ?? customer.TimeZone;
        var today = TimeZones.DateAt(clock.GetUtcNow(), zone);
        if (input.ExpirationDate is { } through && through < today)
            return (null, Problem.Validation("expirationDate", $"is before today ({today:yyyy-MM-dd} in {zone}): these credentials would never work"));
        if (await credentials.CheckFreeAsync(db, Realm.Customer, input.Login, "login", null, ct) is { } taken) return (null, taken);

        var individual = new Individual
        {
            CustomerId = customerId,
            ResellerId = customer.ResellerId,
            Credential = credentials.New(Realm.Customer, CredentialOwner.Individual, input.Login, password: null),
            Email = input.Email.Trim(),
            FirstName = input.FirstName.Trim(),
            LastName = input.LastName?.Trim(),
            RoleId = role.Id,
            Role = role,
            TimeZone = zone,
            ActivationDate = input.ActivationDate,
            ExpirationDate = input.ExpirationDate,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<Individual>().Add(individual);
        if (await CredentialStore.SaveAsync(db, "login", $"The login '{input.Login}' is already used in the customer realm.", ct) is { } duplicate)
            return (null, duplicate);
        individual.Credential.OwnerId = individual.Id;
        var link = await links.IssueAsync(db, individual.Credential, ct);
        email.Enqueue(db, individual, customer.Name, link, first: true);
        await db.SaveChangesAsync(ct);
        return (individual, null);
    }

    public async Task<(Individual? Individual, Problem? Problem)> UpdateAsync(
        TollgateDb db, long customerId, long id, UpdateIndividual input, CancellationToken ct)
    {
        await db.LockForUpdateAsync<Individual>(id, ct);
        var individual = await FindAsync(db, customerId, id, ct);
        if (individual is null) return (null, Problem.NotFound("individual", id));

        var caller = callers.Required;
        if (caller.IsIndividual && caller.OwnerId == id && ChangedAccessFields(individual, input) is { Count: > 0 } own)
            return (null, Escalation($"You cannot change your own {string.Join(", ", own)}; ask another portal user or your provider."));
        if (await MayManageAsync(individual, ct) is { } cannotManage) return (null, cannotManage);

        var roleChanged = input.RoleId.HasValue && input.RoleId.Value != individual.RoleId;
        if (roleChanged)
        {
            var (role, refused) = await AllowedRoleAsync(db, customerId, input.RoleId.Value, ct);
            if (role is null) return (null, refused);
            if (await MayGrantAsync(role, ct) is { } escalation) return (null, escalation);
            individual.RoleId = role.Id;
            individual.Role = role;
        }

        var activation = input.ActivationDate.Or(individual.ActivationDate);
        var expiration = input.ExpirationDate.Or(individual.ExpirationDate);
        var errors = new ValidationErrors();
        IndividualRules.Dates(errors, activation, expiration);
        if (errors.Any) return (null, errors.ToProblem());

        if (input.Login.HasValue && !string.Equals(input.Login.Value.Trim(), individual.Credential.Login, StringComparison.Ordinal))
        {
            if (await credentials.CheckFreeAsync(db, Realm.Customer, input.Login.Value, "login", individual.CredentialId, ct) is { } taken)
                return (null, taken);
            CredentialStore.Rename(individual.Credential, input.Login.Value);
        }
        var before = individual.Validity();
        if (input.Email.HasValue) individual.Email = input.Email.Value.Trim();
        if (input.FirstName.HasValue) individual.FirstName = input.FirstName.Value.Trim();
        if (input.LastName.HasValue) individual.LastName = input.LastName.Value?.Trim();
        if (input.TimeZone.HasValue) individual.TimeZone = input.TimeZone.Value;
        individual.ActivationDate = activation;
        individual.ExpirationDate = expiration;

        var after = individual.Validity();
        if (roleChanged)
            await signIn.RevokeAllAsync(db, CredentialOwner.Individual, id, "role changed", ct);
        else if (after != before && after.StateAt(clock.GetUtcNow()) != ValidityState.Active)
            await signIn.RevokeAllAsync(db, CredentialOwner.Individual, id, "validity changed", ct);
        else if (after != before)
            await signIn.SetValidUntilAsync(db, CredentialOwner.Individual, id, after.ValidUntil?.UtcDateTime, ct);

        if (await CredentialStore.SaveAsync(db, "login", "That login is already used in the customer realm.", ct) is { } duplicate)
            return (null, duplicate);
        return (individual, null);
    }

    public async Task<Problem?> DeleteAsync(TollgateDb db, long customerId, long id, CancellationToken ct)
    {
        await db.LockForUpdateAsync<Individual>(id, ct);
        var individual = await FindAsync(db, customerId, id, ct);
        if (individual is null) return Problem.NotFound("individual", id);
        var caller = callers.Required;
        if (caller.IsIndividual && caller.OwnerId == id)
            return Problem.Forbidden("You cannot delete yourself; ask another portal user or your provider.");
        if (await MayManageAsync(individual, ct) is { } cannotManage) return cannotManage;

        await signIn.RevokeAllAsync(db, CredentialOwner.Individual, id, "individual deleted", ct);
        db.Set<Individual>().Remove(individual);
        db.Credentials.Remove(individual.Credential);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Sends a new credentials e-mail (a new link; older links stop working).</summary>
    public async Task<(CredentialsEmailResponse? Sent, Problem? Problem)> SendCredentialsAsync(
        TollgateDb db, long customerId, long id, CancellationToken ct)
    {
        await db.LockForUpdateAsync<Individual>(id, ct);
        var individual = await FindAsync(db, customerId, id, ct);
        if (individual is null) return (null, Problem.NotFound("individual", id));
        if (await MayManageAsync(individual, ct) is { } cannotManage) return (null, cannotManage);
        var customerName = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstAsync(ct);
        var link = await links.IssueAsync(db, individual.Credential, ct);
        email.Enqueue(db, individual, customerName, link, first: individual.Credential.PasswordHash is null);
        await db.SaveChangesAsync(ct);
        return (new CredentialsEmailResponse(individual.Email, link.ExpiresAt), null);
    }

    public static Task<Individual?> FindAsync(TollgateDb db, long customerId, long id, CancellationToken ct) =>
        db.Set<Individual>().Include(i => i.Credential).Include(i => i.Role)
            .FirstOrDefaultAsync(i => i.Id == id && i.CustomerId == customerId, ct);

    private static async Task<(Role?, Problem?)> AllowedRoleAsync(TollgateDb db, long customerId, long roleId, CancellationToken ct)
    {
        var role = await db.Set<CustomerAllowedRole>().Where(a => a.CustomerId == customerId && a.RoleId == roleId)
            .Select(a => a.Role).FirstOrDefaultAsync(ct);
        if (role is not null) return (role, null);
        var reason = $"role {roleId} is not one of the roles allowed for this customer (see GET /api/v1/customers/{customerId}/allowed-roles)";
        return (null, new Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.RoleNotAllowed, "This role cannot be given here.", reason)
        {
            Errors = new Dictionary<string, string[]> { ["roleId"] = [reason] },
        });
    }

    private async Task<Problem?> MayGrantAsync(Role role, CancellationToken ct)
    {
        var own = await permissions.GetAllAsync(callers.Required, ct);
        return own.Covers(role.Permissions)
            ? null
            : Escalation($"Role '{role.Name}' grants more than your own role on: {string.Join(", ", own.Exceeding(role.Permissions))}.");
    }

    private async Task<Problem?> MayManageAsync(Individual target, CancellationToken ct)
    {
        var own = await permissions.GetAllAsync(callers.Required, ct);
        return own.Covers(target.Role.Permissions)
            ? null
            : Escalation($"'{target.Credential.Login}' holds role '{target.Role.Name}', which grants more than yours on: " +
                         $"{string.Join(", ", own.Exceeding(target.Role.Permissions))}.");
    }

    private static List<string> ChangedAccessFields(Individual current, UpdateIndividual input)
    {
        var changed = new List<string>();
        if (input.RoleId.HasValue && input.RoleId.Value != current.RoleId) changed.Add(OwnAccessFields[0]);
        if (input.ActivationDate.HasValue && input.ActivationDate.Value != current.ActivationDate) changed.Add(OwnAccessFields[1]);
        if (input.ExpirationDate.HasValue && input.ExpirationDate.Value != current.ExpirationDate) changed.Add(OwnAccessFields[2]);
        if (input.TimeZone.HasValue && input.TimeZone.Value != current.TimeZone) changed.Add(OwnAccessFields[3]);
        return changed;
    }

    private static Problem Escalation(string detail) =>
        new(StatusCodes.Status403Forbidden, ProblemTypes.PrivilegeEscalation, "This would give more access than you have.", detail);
}
