using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Balances;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Rating;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Money;

namespace Tollgate.Api.Features.Rating;

/// <summary>Balances, credit limits and payments of customers and resellers.</summary>
/// <remarks>
/// A customer's balance is set (limit, prepaid) by the administrators or by its reseller, and read by the customer
/// (<c>Section.Payments</c>); a reseller's by the administrators only, and read by the reseller. Payments are recorded
/// by whoever collects them: the provider for resellers and direct customers, a reseller (or the provider) for the
/// reseller's customers.
/// </remarks>
public static class BalancesApi
{
    public sealed record BalancePatch : IValidatable
    {
        /// <summary>For a postpaid payer: how far below zero it may go; null: no limit.</summary>
        public Optional<decimal?> CreditLimit { get; init; }

        public Optional<bool> Prepaid { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (CreditLimit.HasValue && CreditLimit.Value is < 0) errors.Add("creditLimit", "must not be negative");
            if (Prepaid.HasValue && Prepaid.Value && CreditLimit.HasValue && CreditLimit.Value is not null)
                errors.Add("creditLimit", "a prepaid payer has no credit limit: it spends what it paid in");
        }
    }

    public sealed record PaymentBody : IValidatable
    {
        public required decimal Amount { get; init; }

        /// <summary>The payment's own reference (a bank transfer id, a receipt number); unique per payer, so a payment is never counted twice.</summary>
        public string? Reference { get; init; }

        public string? Note { get; init; }

        /// <summary>When the money was received; now unless given.</summary>
        public DateTimeOffset? ReceivedAt { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Amount <= 0) errors.Add("amount", "must be more than zero");
            if (Reference is { } r && (string.IsNullOrWhiteSpace(r) || r.Length > 100)) errors.Add("reference", "must be 1 to 100 characters long");
            if (Note is { Length: > 500 }) errors.Add("note", "must be at most 500 characters long");
        }
    }

    public sealed record BalanceResponse(
        string Payer, long PayerId, string Currency, decimal Balance, bool Prepaid, decimal? CreditLimit, decimal Reserved, decimal? Available,
        DateTime? UpdatedAt);

    public sealed record PaymentResponse(
        long Id, string Payer, long PayerId, decimal Amount, string Currency, DateTime ReceivedAt, string? Reference, string? Note, string? RecordedBy,
        DateTime CreatedAt);

    public sealed record PaymentCreated(PaymentResponse Payment, BalanceResponse Balance);

    public static RouteGroupBuilder MapBalancesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:long}/balance", (long id, TollgateDb db, TimeProvider clock, CancellationToken ct) => GetAsync(db, PayerKind.Customer, id, clock, ct))
            .WithTags("Payments").Allow(Realms.Staff | Realms.Customer, Section.Payments, Operation.Read)
            .WithSummary("A customer's balance, credit limit or prepaid model, what calls in progress hold, and what is available");
        api.MapPatch("/customers/{id:long}/balance", (long id, Body<BalancePatch> body, TollgateDb db, TimeProvider clock, CancellationToken ct) =>
                PatchAsync(db, PayerKind.Customer, id, body.Value, clock, ct))
            .WithTags("Payments").Allow(Realms.Staff, Operation.Modify).WithSummary("Set a customer's credit limit, or make it prepaid");
        api.MapGet("/customers/{id:long}/payments", (long id, TollgateDb db, Paging paging, CancellationToken ct) => ListAsync(db, paging, PayerKind.Customer, id, ct))
            .WithTags("Payments").Allow(Realms.Staff | Realms.Customer, Section.Payments, Operation.Read).WithSummary("A customer's payments, newest first");
        api.MapPost("/customers/{id:long}/payments", (long id, Body<PaymentBody> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct) =>
                PayAsync(db, PayerKind.Customer, id, body.Value, callers.Required, clock, ct))
            .WithTags("Payments").Allow(Realms.Staff, Operation.Modify).WithSummary("Record a payment from a customer: it raises the balance once");

        api.MapGet("/resellers/{id:long}/balance", (long id, TollgateDb db, TimeProvider clock, CancellationToken ct) => GetAsync(db, PayerKind.Reseller, id, clock, ct))
            .WithTags("Payments").Allow(Realms.Staff, Operation.Read).WithSummary("A reseller's balance and credit limit");
        api.MapPatch("/resellers/{id:long}/balance", (long id, Body<BalancePatch> body, TollgateDb db, TimeProvider clock, CancellationToken ct) =>
                PatchAsync(db, PayerKind.Reseller, id, body.Value, clock, ct))
            .WithTags("Payments").Allow(Realms.Admin, Operation.Modify).WithSummary("Set a reseller's credit limit, or make it prepaid");
        api.MapGet("/resellers/{id:long}/payments", (long id, TollgateDb db, Paging paging, CancellationToken ct) => ListAsync(db, paging, PayerKind.Reseller, id, ct))
            .WithTags("Payments").Allow(Realms.Staff, Operation.Read).WithSummary("A reseller's payments, newest first");
        api.MapPost("/resellers/{id:long}/payments", (long id, Body<PaymentBody> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct) =>
                PayAsync(db, PayerKind.Reseller, id, body.Value, callers.Required, clock, ct))
            .WithTags("Payments").Allow(Realms.Admin, Operation.Modify).WithSummary("Record a payment from a reseller: it raises the balance once");
        return api;
    }

    private static async Task<Results<Ok<BalanceResponse>, ProblemHttpResult>> GetAsync(
        TollgateDb db, PayerKind kind, long id, TimeProvider clock, CancellationToken ct)
    {
        if (await PayerAsync(db, kind, id, ct) is not { } payer) return Problem.NotFound(Noun(kind), id).ToResult();
        return TypedResults.Ok(await ResponseAsync(db, payer, clock.GetUtcNow().UtcDateTime, ct));
    }

    private static async Task<Results<Ok<BalanceResponse>, ProblemHttpResult>> PatchAsync(
        TollgateDb db, PayerKind kind, long id, BalancePatch input, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        if (await PayerAsync(db, kind, id, ct) is not { } payer) return Problem.NotFound(Noun(kind), id).ToResult();
        var balance = await TrackedAsync(db, payer, clock, ct);
        var prepaid = input.Prepaid.Or(balance.Prepaid);
        var limit = input.CreditLimit.HasValue ? input.CreditLimit.Value : prepaid ? null : balance.CreditLimit;
        if (prepaid && limit is not null)
            return Problem.Validation("creditLimit", "a prepaid payer has no credit limit: it spends what it paid in").ToResult();
        if (limit is { } l && decimal.Round(l, Currency.Of(payer.Currency).MinorUnits) != l)
            return Problem.Validation("creditLimit", $"must be a whole amount of {payer.Currency} (at most {Currency.Of(payer.Currency).MinorUnits} decimals)").ToResult();
        balance.Prepaid = prepaid;
        balance.CreditLimit = limit;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(db, payer, clock.GetUtcNow().UtcDateTime, ct));
    }

    private static async Task<Results<Ok<Page<PaymentResponse>>, ProblemHttpResult>> ListAsync(
        TollgateDb db, Paging paging, PayerKind kind, long id, CancellationToken ct)
    {
        if (await PayerAsync(db, kind, id, ct) is null) return Problem.NotFound(Noun(kind), id).ToResult();
        var query = db.Set<Payment>().AsNoTracking().Where(p => p.PayerKind == kind && p.PayerId == id)
            .OrderByDescending(p => p.ReceivedAt).ThenByDescending(p => p.Id);
        return TypedResults.Ok(await paging.ReadAsync(query, Map, ct));
    }

    private static async Task<Results<Created<PaymentCreated>, ProblemHttpResult>> PayAsync(
        TollgateDb db, PayerKind kind, long id, PaymentBody input, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (input.ReceivedAt > now) return Problem.Validation("receivedAt", "must not be in the future").ToResult();
        await using var tx = await db.BeginWriteAsync(ct);
        if (await PayerAsync(db, kind, id, ct) is not { } payer) return Problem.NotFound(Noun(kind), id).ToResult();
        var currency = Currency.Of(payer.Currency);
        if (decimal.Round(input.Amount, currency.MinorUnits) != input.Amount)
            return Problem.Validation("amount", $"must be a whole amount of {currency.Code} (at most {currency.MinorUnits} decimals)").ToResult();
        var reference = input.Reference?.Trim();
        if (reference is not null && await db.Set<Payment>().IgnoreQueryFilters().AnyAsync(p => p.PayerKind == kind && p.PayerId == id && p.Reference == reference, ct))
            return Problem.Duplicate("reference", $"A payment with reference '{reference}' is already recorded for this {Noun(kind)}; it is not counted twice.").ToResult();
        var payment = new Payment
        {
            PayerKind = kind,
            PayerId = id,
            CustomerId = kind == PayerKind.Customer ? id : null,
            ResellerId = kind == PayerKind.Customer ? payer.ResellerId : id,
            Amount = input.Amount,
            Currency = payer.Currency,
            ReceivedAt = (input.ReceivedAt ?? now).UtcDateTime,
            Reference = reference,
            Note = input.Note?.Trim(),
            RecordedBy = caller.Login,
            CreatedAt = now.UtcDateTime,
        };
        db.Set<Payment>().Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Problem.Duplicate("reference", $"A payment with reference '{reference}' is already recorded for this {Noun(kind)}; it is not counted twice.").ToResult();
        }
        await BalanceLedger.MoveAsync(db, [new BalanceMove(kind, id, payment.Amount)], now.UtcDateTime, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/{Noun(kind)}s/{id}/payments", new PaymentCreated(Map(payment), await ResponseAsync(db, payer, now.UtcDateTime, ct)));
    }

    /// <summary>The payer when the caller may see it (its tenant filter decides), or null.</summary>
    private static async Task<Payer?> PayerAsync(TollgateDb db, PayerKind kind, long id, CancellationToken ct)
    {
        var visible = kind == PayerKind.Customer ? await db.Customers.AnyAsync(c => c.Id == id, ct) : await db.Resellers.AnyAsync(r => r.Id == id, ct);
        return visible ? await Payers.FindAsync(db, kind, id, ct) : null;
    }

    private static async Task<PartyBalance> TrackedAsync(TollgateDb db, Payer payer, TimeProvider clock, CancellationToken ct)
    {
        var balance = await db.Set<PartyBalance>().IgnoreQueryFilters().FirstOrDefaultAsync(b => b.PayerKind == payer.Kind && b.PayerId == payer.Id, ct);
        if (balance is not null) return balance;
        balance = BalanceLedger.New(payer, clock.GetUtcNow().UtcDateTime);
        db.Set<PartyBalance>().Add(balance);
        return balance;
    }

    private static async Task<BalanceResponse> ResponseAsync(TollgateDb db, Payer payer, DateTime now, CancellationToken ct)
    {
        var balance = await db.Set<PartyBalance>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(b => b.PayerKind == payer.Kind && b.PayerId == payer.Id, ct);
        var reservations = db.Set<CreditReservation>().AsNoTracking().Where(r => r.ExpiresAt > now);
        var held = payer.Kind == PayerKind.Customer
            ? await reservations.Where(r => r.CustomerId == payer.Id).Select(r => r.CustomerAmount).ToListAsync(ct)
            : await reservations.Where(r => r.ResellerId == payer.Id).Select(r => r.ResellerAmount).ToListAsync(ct);
        var reserved = held.Sum();
        var amount = balance?.Amount ?? 0m;
        var floor = balance?.Floor;
        return new BalanceResponse(payer.Kind == PayerKind.Customer ? "customer" : "reseller", payer.Id, payer.Currency,
            MoneyJson.Amount(amount, payer.Currency), balance?.Prepaid ?? false,
            balance?.CreditLimit is { } limit ? MoneyJson.Amount(limit, payer.Currency) : null, MoneyJson.Amount(reserved, payer.Currency),
            floor is { } f ? MoneyJson.Amount(amount - f - reserved, payer.Currency) : null, balance?.UpdatedAt);
    }

    private static PaymentResponse Map(Payment p) => new(
        p.Id, p.PayerKind == PayerKind.Customer ? "customer" : "reseller", p.PayerId, MoneyJson.Amount(p.Amount, p.Currency), p.Currency, p.ReceivedAt,
        p.Reference, p.Note, p.RecordedBy, p.CreatedAt);

    private static string Noun(PayerKind kind) => kind == PayerKind.Customer ? "customer" : "reseller";
}
