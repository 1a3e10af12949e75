using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Invoices;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;

namespace Tollgate.Api.Features.Billing;

/// <summary>Invoices: one per payer and closed billing period, with their lines (the period's charges) and a PDF.</summary>
/// <remarks>
/// A customer sees its own invoices; a reseller the invoices the provider issued to it and those it issues to its
/// customers. <c>periodEnd</c> is the first day after the period, like every end date of the API.
/// </remarks>
public static class InvoicesApi
{
    public sealed record Party(string Kind, long? Id, string Name);

    public sealed record InvoiceSummary(
        long Id, long Number, Party Issuer, Party Payer, long? CustomerId, long? ResellerId, DateOnly PeriodStart, DateOnly PeriodEnd,
        DateTime IssuedAt, string Currency, decimal Total, int LineCount);

    public sealed record InvoiceLineResponse(
        long XdrId, XdrKind Kind, string Description, long? AccountId, long? CustomerId, long? SubscriptionId, long? AssignedSubscriptionId, long? CdrId,
        DateOnly ServiceFrom, DateOnly ServiceTo, decimal Fee, decimal Amount);

    public sealed record InvoiceResponse(
        long Id, long Number, Party Issuer, Party Payer, long? CustomerId, long? ResellerId, DateOnly PeriodStart, DateOnly PeriodEnd,
        DateTime IssuedAt, string Currency, decimal Total, IReadOnlyList<InvoiceLineResponse> Lines);

    private static readonly Expression<Func<Invoice, InvoiceSummary>> Projection = i => new InvoiceSummary(
        i.Id, i.Number,
        new Party(i.IssuerKey == Invoice.ProviderIssuer ? "provider" : "reseller", i.IssuerKey == Invoice.ProviderIssuer ? null : i.IssuerKey, i.IssuerName),
        new Party(i.PayerKind == PayerKind.Customer ? "customer" : "reseller", i.PayerId, i.PayerName),
        i.CustomerId, i.ResellerId, i.PeriodStart, i.PeriodEnd, i.IssuedAt, i.Currency, MoneyJson.Amount(i.Total, i.Currency), i.LineCount);

    private static readonly Func<Invoice, InvoiceSummary> Map = Projection.Compile();

    public static RouteGroupBuilder MapInvoicesApi(this RouteGroupBuilder api)
    {
        var invoices = api.MapGroup("/invoices").WithTags("Billing");
        invoices.MapGet("/", List).Allow(Realms.Staff | Realms.Customer, Section.Invoices, Operation.Read)
            .WithSummary("List invoices in your scope; filter by customerId or resellerId (the payer) and periodStart");
        invoices.MapGet("/{id:long}", Get).Allow(Realms.Staff | Realms.Customer, Section.Invoices, Operation.Read)
            .WithSummary("Read an invoice with its lines");
        invoices.MapGet("/{id:long}/pdf", Pdf).Allow(Realms.Staff | Realms.Customer, Section.Invoices, Operation.Read)
            .WithSummary("The invoice as a PDF");
        return invoices;
    }

    private static async Task<Ok<Page<InvoiceSummary>>> List(
        TollgateDb db, Paging paging, long? customerId, long? resellerId, DateOnly? periodStart, CancellationToken ct)
    {
        var query = db.Set<Invoice>().AsNoTracking();
        if (customerId is not null) query = query.Where(i => i.PayerKind == PayerKind.Customer && i.PayerId == customerId);
        if (resellerId is not null) query = query.Where(i => i.PayerKind == PayerKind.Reseller && i.PayerId == resellerId);
        if (periodStart is not null) query = query.Where(i => i.PeriodStart == periodStart);
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(i => i.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var document = await InvoiceBook.ReadAsync(db, id, ct);
        if (document is null) return Problem.NotFound("invoice", id).ToResult();
        var s = Map(document.Invoice);
        return TypedResults.Ok(new InvoiceResponse(s.Id, s.Number, s.Issuer, s.Payer, s.CustomerId, s.ResellerId, s.PeriodStart, s.PeriodEnd,
            s.IssuedAt, s.Currency, s.Total,
            document.Lines.Select(l => new InvoiceLineResponse(l.XdrId, l.Kind, l.Description, l.AccountId, l.CustomerId, l.SubscriptionId,
                l.AssignedSubscriptionId, l.CdrId, l.ServiceFrom, l.ServiceTo, MoneyJson.Exact(l.Fee, s.Currency), MoneyJson.Amount(l.Amount, s.Currency))).ToList()));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(long id, TollgateDb db, InvoicePdf pdf, CancellationToken ct)
    {
        var document = await InvoiceBook.ReadAsync(db, id, ct);
        if (document is null) return Problem.NotFound("invoice", id).ToResult();
        return TypedResults.File(pdf.Render(document), "application/pdf", $"invoice-{document.Invoice.IssuerKey}-{document.Invoice.Number}.pdf");
    }
}
