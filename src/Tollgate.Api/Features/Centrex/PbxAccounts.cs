using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Accounts;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Features.Cpe;
using Tollgate.Api.Problems;
using Tollgate.Billing.Parties;
using Tollgate.Billing.Subscriptions;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Switching;

namespace Tollgate.Api.Features.Centrex;

/// <summary>Creates and changes the accounts behind extensions and auto attendants, within the customer's agreement.</summary>
/// <remarks>
/// <para>
/// Every method works inside the caller's transaction (begun with <see cref="TollgateDb.BeginWriteAsync"/>) and takes
/// the customer's row lock first, so agreement checks and the auto attendant counter cannot interleave on PostgreSQL
/// (SQLite's write transaction already excludes other writers). A returned problem means the caller must not commit.
/// </para>
/// <para>
/// Products go through <see cref="ProductAssigner"/>, so the subscriptions of an extension's products start exactly as
/// billing defines (from today in the customer's zone, or at first usage), and its rules (an add-on must be allowed
/// with the main product, the product must be sold to this customer) hold for everybody. The agreement's rules hold for
/// customer callers only.
/// </para>
/// </remarks>
public sealed class PbxAccounts(ProductAssigner products, CpeAssignments phones, IPermissionSource permissions, IRandomSource random, TimeProvider clock)
{
    /// <summary>What to create: an extension (with its number) or an auto attendant (number optional).</summary>
    public sealed record NewPbxAccount(
        ExtensionKind Kind, string? Number, string? Name, long ProductId, IReadOnlyList<long> AddonProductIds, long? DeviceId, int? Port);

    /// <summary>The created row (with its account), the SIP password (shown once), the products the account holds, and its phone.</summary>
    public sealed record Created(Extension Extension, string SipPassword, IReadOnlyList<AccountProduct> Products, CpeAssignments.Assignment? Phone);

    /// <summary>Creates the account (<c>ph{c}x{n}</c> or <c>ph{c}aa{n}</c>), its PBX row, SIP credentials, products and phone.</summary>
    /// <remarks>
    /// Reads as little as it can, because every statement is a round trip to the database: one locks the customer and
    /// reads what billing needs of it, one checks the number and the account id, one (for customers) checks the agreement, then the writes.
    /// Nothing this method wrote is read back: <see cref="Created"/> carries it.
    /// </remarks>
    public async Task<(Created? Created, Problem? Problem)> CreateAsync(TollgateDb db, Caller caller, long customerId, NewPbxAccount input, CancellationToken ct)
    {
        var customer = await LockedCustomer.For(db)(db, customerId, ct);
        if (customer is null) return (null, Problem.NotFound("customer", customerId));
        if (customer.Status == PartyStatus.Closed)
            return (null, Problem.Unprocessable($"Customer {customerId} is closed and cannot get new extensions.", "customerId"));
        if (input.DeviceId is not null && caller.Realm == Realm.Customer
            && await permissions.GetAsync(caller, Section.Phones, ct) is var phonesPermission && !phonesPermission.Allows(Operation.Modify))
            return (null, AccessFilter.PermissionMissing(Section.Phones, Operation.Modify, phonesPermission));

        var extensionAccountId = input.Kind == ExtensionKind.Extension ? PbxNumbers.ExtensionAccountId(customerId, input.Number!) : null;
        var clash = input.Number is null && extensionAccountId is null ? Clash.None : await ClashAsync(db, customerId, input.Number, extensionAccountId, ct);
        if (clash.NumberTaken)
            return (null, Problem.Duplicate("extension", $"Customer {customerId} already has extension {input.Number}."));
        var limited = caller.IsLimitedByAgreement();
        if (limited && await Agreements.CheckAsync(db, customerId, Requested(input.ProductId, input.AddonProductIds), ct) is { } refused)
            return (null, refused);

        var now = Microseconds(clock.GetUtcNow().UtcDateTime);
        string accountId;
        int? autoAttendant = null;
        if (extensionAccountId is not null)
        {
            accountId = extensionAccountId;
            if (await FreeAccountIdAsync(db, accountId, customerId, clash, ct) is { } taken) return (null, taken);
        }
        else
        {
            var agreement = await Agreements.GetOrAddAsync(db, customerId, customer.ResellerId, ct);
            // n is never reused: the counter only grows, and an id someone took by hand is skipped.
            do
            {
                autoAttendant = ++agreement.AutoAttendantsCreated;
                accountId = PbxNumbers.AutoAttendantAccountId(customerId, autoAttendant.Value);
            }
            while (await db.Accounts.IgnoreQueryFilters().AnyAsync(a => a.AccountId == accountId, ct));
        }

        // The account is saved first and alone: its products, subscriptions and SIP credentials need its id (EF sends
        // a row that needs a generated key in a later round trip anyway), and a clash on its id can only be with it.
        var account = new Account
        {
            AccountId = accountId, CustomerId = customerId, ResellerId = customer.ResellerId, Name = input.Name, Status = AccountStatus.Active, CreatedAt = now,
        };
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Only a concurrent writer outside the customer's lock can get here: an account created by hand with this id.
            return (null, Problem.Duplicate(input.Kind == ExtensionKind.Extension ? "extension" : "name", $"The account id {accountId} was just taken."));
        }

        var extension = new Extension
        {
            CustomerId = customerId, ResellerId = customer.ResellerId, Kind = input.Kind, Number = input.Number, AutoAttendantNumber = autoAttendant,
            Name = input.Name, Account = account, CreatedAt = now,
        };
        db.Extensions.Add(extension);
        var password = SipPasswords.Generate(random);
        AccountSipPasswords.AddFirst(db, account, password, now);
        var change = new ProductChange
        {
            SetsMain = true, MainProductId = input.ProductId, AddonProductIds = input.AddonProductIds, NewAccount = true,
            // The agreement check read every requested product in the customer's scope (a 404 otherwise).
            SeenByCaller = limited ? input.AddonProductIds.Append(input.ProductId).ToHashSet() : null,
        };
        if (await products.ApplyAsync(db, account, change, new PayerCache(db).With(customer), ct) is { } error) return (null, error.ToProblem());
        await db.SaveChangesAsync(ct);
        CpeAssignments.Assignment? phone = null;
        if (input.DeviceId is { } deviceId)
        {
            (phone, var problem) = await phones.AssignAsync(db, account.Id, deviceId, input.Port, caller, ct);
            if (problem is not null) return (null, problem);
        }
        var held = db.ChangeTracker.Entries<AccountProduct>().Select(e => e.Entity).Where(p => p.AccountId == account.Id).ToList();
        return (new Created(extension, password, held, phone), null);
    }

    /// <summary>Changes the products of a PBX account (new main product, new set of add-ons), within the agreement for customers.</summary>
    /// <param name="db">The caller's context, in its write transaction.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="account">The account, tracked, found in the caller's scope.</param>
    /// <param name="mainProductId">The new main product, or null to keep it.</param>
    /// <param name="addonProductIds">The add-ons the account should hold, or null to keep them.</param>
    /// <param name="fields">Names the request member of a product id, for the answer's <c>errors</c>.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<Problem?> ChangeProductsAsync(TollgateDb db, Caller caller, Account account, long? mainProductId,
        IReadOnlyList<long>? addonProductIds, Func<long, string> fields, CancellationToken ct)
    {
        if (account.Status == AccountStatus.Closed) return Problem.Conflict($"Account {account.AccountId} is closed.");
        await db.LockForUpdateAsync<Customer>(account.CustomerId, ct);
        if (caller.IsLimitedByAgreement())
        {
            var held = await db.Set<AccountProduct>().IgnoreQueryFilters().Where(p => p.AccountId == account.Id).Select(p => p.ProductId).ToListAsync(ct);
            var wanted = (addonProductIds ?? []).Prepend(mainProductId ?? 0).Where(id => id != 0).Distinct();
            var added = wanted.Where(id => !held.Contains(id)).Select(id => new Agreements.Requested(id, fields(id))).ToList();
            if (await Agreements.CheckAsync(db, account.CustomerId, added, ct) is { } refused) return refused;
        }
        var change = new ProductChange { SetsMain = mainProductId is not null, MainProductId = mainProductId, AddonProductIds = addonProductIds };
        if (await products.ApplyAsync(db, account, change, ct) is { } error)
            return (error.Field is { } field && field.StartsWith("addonProductIds", StringComparison.Ordinal) && addonProductIds is not null
                ? error with { Field = FieldOf(error, addonProductIds, fields) }
                : error).ToProblem();
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Gives the account a new SIP password (or its first one) and returns it.</summary>
    public async Task<string> ResetSipPasswordAsync(TollgateDb db, Account account, CancellationToken ct)
    {
        var password = SipPasswords.Generate(random);
        await AccountSipPasswords.SetAsync(db, account, password, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return password;
    }

    /// <summary>
    /// An instant as the database keeps it: PostgreSQL stores microseconds, so an answer made from the written values
    /// equals a later read.
    /// </summary>
    private static DateTime Microseconds(DateTime instant) => instant.AddTicks(-(instant.Ticks % 10));

    private static List<Agreements.Requested> Requested(long mainProductId, IReadOnlyList<long> addonProductIds) =>
        addonProductIds.Select((id, i) => new Agreements.Requested(id, $"addonProductIds[{i}]")).Prepend(new Agreements.Requested(mainProductId, "productId")).ToList();

    private static string FieldOf(Tollgate.Billing.BillingError error, IReadOnlyList<long> addons, Func<long, string> fields)
    {
        var open = error.Field!.IndexOf('[', StringComparison.Ordinal);
        return open > 0 && int.TryParse(error.Field[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < addons.Count
            ? fields(addons[i])
            : error.Field;
    }

    /// <summary>What may stand in a new PBX account's way: its number already used by the customer, an account holding its account id.</summary>
    private sealed record Clash(bool NumberTaken, long? HolderId, AccountStatus? HolderStatus, long? HolderCustomerId)
    {
        public static readonly Clash None = new(false, null, null, null);
    }

    /// <summary>
    /// Reads everything <see cref="Clash"/> holds in one statement (a round trip less than a query each). It runs after the
    /// customer's row lock, so it sees every extension committed before the lock was granted.
    /// </summary>
    private static Task<Clash> ClashAsync(TollgateDb db, long customerId, string? number, string? accountId, CancellationToken ct) =>
        ClashQuery.For(db)(db, customerId, number, accountId, ct);

    // The creation's reads are compiled (see CompiledQuery): perf found a fifth of an extension creation's server time
    // in building their expression trees and finding them in EF's query cache.

    /// <summary>The customer as a payer, its row locked (see <see cref="RowLocks"/>); in the caller's scope.</summary>
    private static readonly CompiledQuery<Func<TollgateDb, long, CancellationToken, Task<Payer?>>> LockedCustomer = new(() => EF.CompileAsyncQuery(
        (TollgateDb db, long customerId, CancellationToken ct) =>
            db.Customers.Where(c => c.Id == customerId).TagWith(RowLocks.Tag).AsNoTracking().Select(Payers.OfCustomer).FirstOrDefault()));

    private static readonly CompiledQuery<Func<TollgateDb, long, string?, string?, CancellationToken, Task<Clash>>> ClashQuery = new(() => EF.CompileAsyncQuery(
        (TollgateDb db, long customerId, string? number, string? accountId, CancellationToken ct) =>
            db.Customers.IgnoreQueryFilters().Where(c => c.Id == customerId)
                .Select(c => new Clash(
                    number != null && db.Set<Extension>().Any(e => e.CustomerId == customerId && e.Number == number),
                    db.Accounts.Where(a => a.AccountId == accountId).Select(a => (long?)a.Id).FirstOrDefault(),
                    db.Accounts.Where(a => a.AccountId == accountId).Select(a => (AccountStatus?)a.Status).FirstOrDefault(),
                    db.Accounts.Where(a => a.AccountId == accountId).Select(a => (long?)a.CustomerId).FirstOrDefault()))
                .First()));

    /// <summary>
    /// Makes an extension's account id usable: free, or held by a closed account of the same customer (an extension that
    /// was deleted and whose number comes back), which is then renamed <c>{id}.closed{key}</c> with its login. Else a 409.
    /// </summary>
    private static async Task<Problem?> FreeAccountIdAsync(TollgateDb db, string accountId, long customerId, Clash clash, CancellationToken ct)
    {
        if (clash.HolderId is null) return null;
        if (clash.HolderStatus != AccountStatus.Closed || clash.HolderCustomerId != customerId)
            return Problem.Duplicate("extension", $"The account id {accountId} is already used by another account.");
        // Rare (a number that comes back): only now is the holder loaded to be renamed, under the customer's lock.
        var holder = await db.Accounts.IgnoreQueryFilters().Include(a => a.Credential).FirstAsync(a => a.Id == clash.HolderId, ct);
        holder.AccountId = string.Create(CultureInfo.InvariantCulture, $"{accountId}.closed{holder.Id}");
        if (holder.Credential is { } login) Shared.CredentialStore.Rename(login, holder.AccountId);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
