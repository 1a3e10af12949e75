using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
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

namespace Tollgate.Api.Features.Centrex;

/// <summary>
/// <c>GET|PUT /api/v1/customers/{id}/agreement</c>: the products a customer may give its own extensions and auto
/// attendants, and how many accounts may hold each (0: unlimited). Set by the administrator or the customer's
/// reseller; the customer reads it (section <c>subscriptions</c>).
/// </summary>
public static class AgreementApi
{
    public const int MaxQuantity = 1_000_000;

    /// <summary>One product of the agreement and how many accounts may hold it; 0 means unlimited.</summary>
    public sealed record AgreementLine
    {
        public required long ProductId { get; init; }
        public required int Quantity { get; init; }
    }

    /// <summary>The whole agreement: it replaces the one stored.</summary>
    public sealed record AgreementBody : IValidatable
    {
        public IReadOnlyList<AgreementLine> MainProducts { get; init; } = [];
        public IReadOnlyList<AgreementLine> AddonProducts { get; init; } = [];

        public void Validate(ValidationErrors errors)
        {
            var seen = new HashSet<long>();
            foreach (var (line, field) in Lines())
            {
                if (line.Quantity is < 0 or > MaxQuantity) errors.Add($"{field}.quantity", $"must be 0 (unlimited) to {MaxQuantity:N0}");
                if (!seen.Add(line.ProductId)) errors.Add($"{field}.productId", $"product {line.ProductId} is listed more than once");
            }
        }

        public IEnumerable<(AgreementLine Line, string Field)> Lines() =>
            MainProducts.Select((l, i) => (l, $"mainProducts[{i}]")).Concat(AddonProducts.Select((l, i) => (l, $"addonProducts[{i}]")));

        public ProductKind KindAt(string field) => field.StartsWith("main", StringComparison.Ordinal) ? ProductKind.Main : ProductKind.Addon;
    }

    /// <summary>A product of the agreement: its quantity (0: unlimited), how many of the customer's open accounts hold it, and how many more may (null: no limit).</summary>
    public sealed record AgreementProductView(long ProductId, string Name, int Quantity, int Used, int? Available);

    public sealed record AgreementResponse(
        long CustomerId, IReadOnlyList<AgreementProductView> MainProducts, IReadOnlyList<AgreementProductView> AddonProducts, DateTime? UpdatedAt);

    public static RouteGroupBuilder MapAgreementApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("IP Centrex");
        customers.MapGet("/{id:long}/agreement", Get).Allow(Realms.Staff | Realms.Customer, Section.Subscriptions, Operation.Read)
            .WithSummary("The customer's agreement: main and add-on products, each with its quantity (0: unlimited) and current use");
        customers.MapPut("/{id:long}/agreement", Put).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Replace the customer's agreement");
        return customers;
    }

    private static async Task<Results<Ok<AgreementResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return Problem.NotFound("customer", id).ToResult();
        return TypedResults.Ok(await ReadAsync(db, id, ct));
    }

    private static async Task<Results<Ok<AgreementResponse>, ProblemHttpResult>> Put(
        long id, Body<AgreementBody> body, TollgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Problem.NotFound("customer", id).ToResult();
        if (customer.Status == PartyStatus.Closed) return Problem.Conflict($"Customer {id} is closed.").ToResult();
        await db.LockForUpdateAsync<Customer>(id, ct);
        if (await CheckProductsAsync(db, customer, input, ct) is { } problem) return problem.ToResult();

        var agreement = await Agreements.GetOrAddAsync(db, id, customer.ResellerId, ct);
        var wanted = input.Lines().ToDictionary(l => l.Line.ProductId, l => (l.Line.Quantity, Kind: input.KindAt(l.Field)));
        foreach (var gone in agreement.Products.Where(p => !wanted.ContainsKey(p.ProductId)).ToList()) agreement.Products.Remove(gone);
        foreach (var (productId, (quantity, kind)) in wanted)
        {
            var line = agreement.Products.FirstOrDefault(p => p.ProductId == productId);
            if (line is null)
                agreement.Products.Add(new AgreementProduct { CustomerId = id, ProductId = productId, ResellerId = customer.ResellerId, Kind = kind, Quantity = quantity });
            else if (line.Quantity != quantity || line.Kind != kind)
                (line.Quantity, line.Kind) = (quantity, kind);
        }
        if (db.ChangeTracker.HasChanges()) agreement.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ReadAsync(db, id, ct));
    }

    /// <summary>Every product must be one the caller sees (404), listed as its own kind and sold to this customer (422, all at once).</summary>
    private static async Task<Problem?> CheckProductsAsync(TollgateDb db, Customer customer, AgreementBody input, CancellationToken ct)
    {
        var ids = input.Lines().Select(l => l.Line.ProductId).ToList();
        var products = await db.Set<Product>().AsNoTracking().AsSplitQuery().Include(p => p.Subscriptions).ThenInclude(s => s.Subscription)
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        if (input.Lines().FirstOrDefault(l => !products.ContainsKey(l.Line.ProductId)) is { Line: not null } missing)
            return Problem.ReferenceNotFound($"{missing.Field}.productId", "product", missing.Line.ProductId);

        var payer = await Payers.FindAsync(db, PayerKind.Customer, customer.Id, ct) ?? throw new InvalidOperationException($"Customer {customer.Id} is missing.");
        var reseller = customer.ResellerId is { } rid ? await Payers.FindAsync(db, PayerKind.Reseller, rid, ct) : null;
        var errors = new ValidationErrors();
        foreach (var (line, field) in input.Lines())
        {
            var product = products[line.ProductId];
            var kind = input.KindAt(field);
            if (product.Kind != kind)
                errors.Add($"{field}.productId", $"product {product.Id} ({product.Name}) is {(product.Kind == ProductKind.Main ? "a main" : "an add-on")} product");
            else if (ProductAssigner.Availability(product, customer.ResellerId, payer, reseller) is { } reason)
                errors.Add($"{field}.productId", reason);
        }
        if (!errors.Any) return null;
        var all = errors.ToDictionary();
        return new Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.Unprocessable, "The request cannot be carried out.",
            string.Join("; ", all.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))) { Errors = all };
    }

    /// <summary>The agreement as stored, with the current use of each product.</summary>
    public static async Task<AgreementResponse> ReadAsync(TollgateDb db, long customerId, CancellationToken ct)
    {
        var agreement = await db.Agreements.IgnoreQueryFilters().AsNoTracking().Where(a => a.CustomerId == customerId)
            .Select(a => new { a.UpdatedAt }).FirstOrDefaultAsync(ct);
        var lines = await db.Set<AgreementProduct>().IgnoreQueryFilters().AsNoTracking().Where(p => p.CustomerId == customerId)
            .Join(db.Set<Product>().IgnoreQueryFilters(), p => p.ProductId, p => p.Id, (line, product) => new { line.ProductId, line.Kind, line.Quantity, product.Name })
            .OrderBy(l => l.ProductId).ToListAsync(ct);
        var used = await Agreements.UseAsync(db, customerId, lines.Select(l => l.ProductId).ToList(), ct);
        List<AgreementProductView> Of(ProductKind kind) => lines.Where(l => l.Kind == kind).Select(l =>
        {
            var inUse = used.GetValueOrDefault(l.ProductId);
            return new AgreementProductView(l.ProductId, l.Name, l.Quantity, inUse, AgreementLimits.Available(new AgreementItem(l.ProductId, l.Kind, l.Quantity), inUse));
        }).ToList();
        return new AgreementResponse(customerId, Of(ProductKind.Main), Of(ProductKind.Addon), agreement?.UpdatedAt);
    }
}
