using System.Linq.Expressions;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Features.Subscriptions;
using Tollgate.Api.Features.Switching;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Subscriptions;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Switching;

namespace Tollgate.Api.Features.Accounts;

/// <summary>Accounts (subscriber lines). Staff create and close them; a customer reads and edits its own; an account itself.</summary>
public static partial class AccountsApi
{
    /// <summary>A new account of a customer; <c>password</c> enables web sign-in in the account realm with <c>accountId</c> as login.</summary>
    public sealed record CreateAccount : IValidatable
    {
        public required string AccountId { get; init; }
        public required long CustomerId { get; init; }
        public string? Name { get; init; }
        public string? Email { get; init; }
        public string? Password { get; init; }

        /// <summary>The main product; its subscriptions start on <see cref="ActivationDate"/>.</summary>
        public long? ProductId { get; init; }

        public IReadOnlyList<long> AddonProductIds { get; init; } = [];

        /// <summary>The day the products' subscriptions start: today in the customer's time zone by default, earlier for subscribers moved from another system.</summary>
        public DateOnly? ActivationDate { get; init; }

        /// <summary>The digest password the account's phones use with <c>accountId</c>; generated when not given.</summary>
        public string? SipPassword { get; init; }

        /// <summary>The account's own service policy, over its products' (administrators only).</summary>
        public long? ServicePolicyId { get; init; }

        public void Validate(ValidationErrors errors)
        {
            AccountIdRule(errors, AccountId);
            FieldRules.Name(errors, "name", Name);
            FieldRules.Email(errors, "email", Email);
            FieldRules.Password(errors, "password", Password, AccountId);
            if (SipPassword is not null && SipPasswords.Problem(SipPassword) is { } weak) errors.Add("sipPassword", weak);
            AccountProducts.Validate(errors, ProductId is not null || AddonProductIds.Count > 0, AddonProductIds, ActivationDate);
        }
    }

    public sealed record UpdateAccount : IValidatable
    {
        public Optional<string?> Name { get; init; }
        public Optional<string?> Email { get; init; }
        public Optional<string> Password { get; init; }
        public Optional<long?> ProductId { get; init; }
        public Optional<IReadOnlyList<long>> AddonProductIds { get; init; }

        /// <summary>The day a change of products takes effect (today by default; not in the past).</summary>
        public Optional<DateOnly> ActivationDate { get; init; }

        public Optional<string> SipPassword { get; init; }
        public Optional<long?> ServicePolicyId { get; init; }

        public bool ChangesProducts => ProductId.HasValue || AddonProductIds.HasValue;

        public void Validate(ValidationErrors errors)
        {
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value);
            if (Email.HasValue) FieldRules.Email(errors, "email", Email.Value);
            if (Password.HasValue) FieldRules.Password(errors, "password", Password.Value ?? "", null);
            if (SipPassword.HasValue && SipPasswords.Problem(SipPassword.Value) is { } weak)
                errors.Add("sipPassword", SipPassword.Value is null ? "must not be null (POST /api/v1/accounts/{id}/sip-password generates a new one)" : weak);
            AccountProducts.Validate(errors, ChangesProducts, AddonProductIds.Or([]), ActivationDate.HasValue ? ActivationDate.Value : null);
        }
    }

    public sealed record AccountResponse(
        long Id, string AccountId, long CustomerId, long? ResellerId, string? Name, string? Email, AccountStatus Status,
        bool WebSignIn, DateTime CreatedAt, DateTime? ClosedAt)
    {
        public long? ProductId { get; init; }
        public IReadOnlyList<long> AddonProductIds { get; init; } = [];

        /// <summary>Who blocked the account while its status is blocked (administrator, reseller or customer).</summary>
        public BlockedBy? BlockedBy { get; init; }

        /// <summary>The account's own service policy (its products may have one too).</summary>
        public long? ServicePolicyId { get; init; }

        /// <summary>The SIP password, for administrators, the reseller and the customer reading one account (see <see cref="AccountSipPasswords"/>).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? SipPassword { get; init; }
    }

    private static readonly Expression<Func<Account, AccountResponse>> Projection = a => new AccountResponse(
        a.Id, a.AccountId, a.CustomerId, a.ResellerId, a.Name, a.Email, a.Status,
        a.Credential != null && a.Credential.PasswordHash != null, a.CreatedAt, a.ClosedAt) { BlockedBy = a.BlockedBy, ServicePolicyId = a.ServicePolicyId };

    private static readonly Func<Account, AccountResponse> Map = Projection.Compile();

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("/", List).Allow(Realms.All, Section.Accounts, Operation.Read)
            .WithSummary("List accounts in your scope; filter by customerId, accountId (% and _ wildcards) and status");
        accounts.MapGet("/{id:long}", Get).Allow(Realms.All, Section.Accounts, Operation.Read).WithSummary("Read an account");
        accounts.MapPost("/", Create).Allow(Realms.Staff, Operation.Modify).WithSummary("Create an account for a customer");
        accounts.MapPatch("/{id:long}", Update).Allow(Realms.All, Section.Accounts, Operation.Modify)
            .WithSummary("Change an account's name, e-mail, web password, SIP password, products or service policy");
        accounts.MapPost("/{id:long}/close", Close).Allow(Realms.Staff, Operation.Modify).WithSummary("Close an account for good");
        return accounts;
    }

    /// <summary>Account ids are what phones register with and what appears on bills: 1–64 of letters, digits and <c>.-_+@</c>.</summary>
    public static void AccountIdRule(ValidationErrors errors, string accountId)
    {
        if (!AccountIdPattern().IsMatch(accountId))
            errors.Add("accountId", "must be 1 to 64 letters, digits or . - _ + @ (for example 12095550000 or ph46170x466)");
    }

    private static async Task<Ok<Page<AccountResponse>>> List(
        TollgateDb db, Paging paging, long? customerId, string? accountId, string? status, CancellationToken ct)
    {
        var query = db.Accounts.AsNoTracking();
        if (customerId is not null) query = query.Where(a => a.CustomerId == customerId);
        if (accountId is not null) query = query.Where(a => EF.Functions.Like(a.AccountId.ToLower(), Patterns.ToLike(accountId)));
        if (Query.Enum<AccountStatus>(status, "status") is { } wanted) query = query.Where(a => a.Status == wanted);
        return TypedResults.Ok(await (await paging.ReadAsync(query.OrderBy(a => a.Id).Select(Projection), x => x, ct)).WithProductsAsync(db, ct));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return account is null
            ? Problem.NotFound("account", id).ToResult()
            : TypedResults.Ok(await (await account.WithProductsAsync(db, ct)).WithSipPasswordAsync(db, callers.Required, ct));
    }

    private static async Task<Results<Created<AccountResponse>, ProblemHttpResult>> Create(
        Body<CreateAccount> body, TollgateDb db, CredentialStore credentials, TimeProvider clock, CallerAccessor callers, ProductAssigner products,
        IRandomSource random, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        var customer = await db.Customers.Where(c => c.Id == input.CustomerId).Select(c => new { c.ResellerId, c.Status }).FirstOrDefaultAsync(ct);
        if (customer is null) return Problem.ReferenceNotFound("customerId", "customer", input.CustomerId).ToResult();
        if (customer.Status == PartyStatus.Closed)
            return Problem.Unprocessable($"Customer {input.CustomerId} is closed and cannot get new accounts.", "customerId").ToResult();
        if (await db.Accounts.IgnoreQueryFilters().AnyAsync(a => a.AccountId == input.AccountId, ct))
            return Problem.Duplicate("accountId", $"The account id '{input.AccountId}' is already used.").ToResult();
        if (await PolicyAssignments.CheckAsync(db, callers.Required.Realm == Realm.Admin, input.ServicePolicyId, ct) is { } policyProblem)
            return policyProblem.ToResult();

        var account = new Account
        {
            AccountId = input.AccountId,
            CustomerId = input.CustomerId,
            ResellerId = customer.ResellerId,
            Name = input.Name?.Trim(),
            Email = input.Email?.Trim(),
            Status = AccountStatus.Active,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ServicePolicyId = input.ServicePolicyId,
        };
        await AccountSipPasswords.SetAsync(db, account, input.SipPassword ?? SipPasswords.Generate(random), account.CreatedAt, ct);
        if (input.Password is not null)
        {
            if (await credentials.CheckFreeAsync(db, Realm.Account, input.AccountId, "accountId", null, ct) is { } taken)
                return taken.ToResult();
            account.Credential = credentials.New(Realm.Account, CredentialOwner.Account, input.AccountId, input.Password);
        }
        db.Accounts.Add(account);
        if (await CredentialStore.SaveAsync(db, "accountId", $"The account id '{input.AccountId}' is already used.", ct) is { } duplicate)
            return duplicate.ToResult();
        if (account.Credential is not null)
        {
            account.Credential.OwnerId = account.Id;
            await db.SaveChangesAsync(ct);
        }
        if (input.ProductId is not null || input.AddonProductIds.Count > 0)
        {
            var change = new ProductChange
            {
                SetsMain = true, MainProductId = input.ProductId, AddonProductIds = input.AddonProductIds, StartDate = input.ActivationDate, AllowPastStart = true,
            };
            if (await AccountProducts.ApplyAsync(db, products, callers.Required, account, change, ct) is { } problem) return problem.ToResult();
        }
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/accounts/{account.Id}",
            await (await Map(account).WithProductsAsync(db, ct)).WithSipPasswordAsync(db, callers.Required, ct));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateAccount> body, TollgateDb db, CallerAccessor callers, CredentialStore credentials, ProductAssigner products,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = callers.Required;
        var input = body.Value;
        if (caller.Realm == Realm.Account && (input.Name.HasValue || input.SipPassword.HasValue || input.ServicePolicyId.HasValue))
            return Problem.Forbidden("An account may change only its e-mail and password.").ToResult();

        await using var tx = await db.BeginWriteAsync(ct);
        var account = await db.Accounts.Include(a => a.Credential).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problem.NotFound("account", id).ToResult();
        if (account.Status == AccountStatus.Closed) return Problem.Conflict($"Account {id} is closed.").ToResult();
        if (caller.RefuseIfBlockedByProvider(account) is { } blocked) return blocked.ToResult();
        if (input.Password.HasValue && PasswordPolicy.Check(input.Password.Value, account.AccountId) is { Count: > 0 } reasons)
            return Problem.Validation(new Dictionary<string, string[]> { ["password"] = [.. reasons] }).ToResult();
        if (await PolicyAssignments.CheckChangeAsync(db, caller.Realm == Realm.Admin, input.ServicePolicyId, ct) is { } policyProblem)
            return policyProblem.ToResult();
        if (input.SipPassword.HasValue && await caller.RefuseUnlessPbxAccountAsync(db, account, ct) is { } notPbx) return notPbx.ToResult();

        if (input.Name.HasValue) account.Name = input.Name.Value?.Trim();
        if (input.Email.HasValue) account.Email = input.Email.Value?.Trim();
        if (input.ServicePolicyId.HasValue) account.ServicePolicyId = input.ServicePolicyId.Value;
        if (input.SipPassword.HasValue) await AccountSipPasswords.SetAsync(db, account, input.SipPassword.Value, clock.GetUtcNow().UtcDateTime, ct);
        if (input.Password.HasValue)
        {
            if (account.Credential is null)
            {
                if (await credentials.CheckFreeAsync(db, Realm.Account, account.AccountId, "accountId", null, ct) is { } taken)
                    return taken.ToResult();
                account.Credential = credentials.New(Realm.Account, CredentialOwner.Account, account.AccountId, input.Password.Value);
                account.Credential.OwnerId = account.Id;
            }
            else
            {
                await credentials.SetPasswordAsync(db, account.Credential, input.Password.Value, caller.SessionId, ct);
            }
        }
        if (input.ChangesProducts)
        {
            var change = new ProductChange
            {
                SetsMain = input.ProductId.HasValue, MainProductId = input.ProductId.Or(null),
                AddonProductIds = input.AddonProductIds.HasValue ? input.AddonProductIds.Value : null,
                StartDate = input.ActivationDate.HasValue ? input.ActivationDate.Value : null,
            };
            if (await AccountProducts.ApplyAsync(db, products, caller, account, change, ct) is { } problem) return problem.ToResult();
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await (await Map(account).WithProductsAsync(db, ct)).WithSipPasswordAsync(db, caller, ct));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Close(
        long id, TollgateDb db, AccountCloser closer, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var account = await db.Accounts.Include(a => a.Credential).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problem.NotFound("account", id).ToResult();
        await closer.CloseAsync(db, account, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await Map(account).WithProductsAsync(db, ct));
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-_+@]{1,64}$")]
    private static partial Regex AccountIdPattern();
}
