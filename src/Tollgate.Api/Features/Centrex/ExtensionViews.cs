using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Centrex;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary>The account behind an extension: its key for <c>/api/v1/accounts/{id}</c>, its account id, and whether it may call.</summary>
public sealed record ExtensionAccount(long Id, string AccountId, AccountStatus Status, BlockedBy? BlockedBy);

/// <summary>The phone assigned to an extension's account.</summary>
public sealed record ExtensionPhone(long DeviceId, string Mac, string Model, int Port);

/// <summary>What a phone registers with: the user name (the account id) and, only in the answer that generated it, the password.</summary>
public sealed record SipLogin(string Username)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Password { get; init; }
}

/// <summary>An extension or auto attendant as the API shows it.</summary>
/// <param name="Extension">The number colleagues dial (for an auto attendant, only when it was given one).</param>
public sealed record ExtensionResponse(
    long Id, long CustomerId, ExtensionKind Kind, string? Extension, string? Name, ExtensionAccount Account, long? ProductId,
    IReadOnlyList<long> AddonProductIds, IReadOnlyList<string> Aliases, ExtensionPhone? Phone, SipLogin Sip, DateTime CreatedAt);

/// <summary>Reads extensions with their account, products, aliases and phone in a fixed number of queries, whatever their number.</summary>
public static class ExtensionViews
{
    private sealed record Row(
        long Id, long CustomerId, ExtensionKind Kind, string? Number, string? Name, long AccountKey, string AccountId, AccountStatus Status,
        BlockedBy? BlockedBy, DateTime CreatedAt);

    /// <summary>The extensions of <paramref name="query"/>, in its order.</summary>
    public static async Task<List<ExtensionResponse>> ReadAsync(TollgateDb db, IQueryable<Extension> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Select(e => new Row(e.Id, e.CustomerId, e.Kind, e.Number, e.Name, e.AccountId, e.Account.AccountId, e.Account.Status, e.Account.BlockedBy, e.CreatedAt))
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.AccountKey).ToList();
        var products = (await db.Set<AccountProduct>().IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.AccountId))
            .Select(p => new { p.AccountId, p.ProductId, p.Kind }).ToListAsync(ct)).ToLookup(p => p.AccountId);
        var aliases = (await db.AccountAliases.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.AccountId))
            .Select(a => new { a.AccountId, a.Alias }).ToListAsync(ct)).ToLookup(a => a.AccountId, a => a.Alias);
        var phones = (await db.CpePorts.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.AccountId))
            .Select(p => new { p.AccountId, Phone = new ExtensionPhone(p.DeviceId, p.Device.Mac, p.Device.Model.Name, p.Port) }).ToListAsync(ct))
            .ToDictionary(p => p.AccountId, p => p.Phone);
        return rows.Select(r => Build(r, products[r.AccountKey].Select(p => (p.ProductId, p.Kind)), aliases[r.AccountKey], phones.GetValueOrDefault(r.AccountKey)))
            .ToList();
    }

    /// <summary>A new extension as <see cref="ReadAsync"/> would read it back, made from what its creation wrote, with its SIP password (shown once).</summary>
    public static ExtensionResponse Of(PbxAccounts.Created created)
    {
        var (e, a) = (created.Extension, created.Extension.Account);
        var phone = created.Phone is { } p ? new ExtensionPhone(p.DeviceId, p.Mac, p.Model, p.Port) : null;
        var view = Build(new Row(e.Id, e.CustomerId, e.Kind, e.Number, e.Name, a.Id, a.AccountId, a.Status, a.BlockedBy, e.CreatedAt),
            created.Products.Select(h => (h.ProductId, h.Kind)), [], phone);
        return view with { Sip = view.Sip with { Password = created.SipPassword } };
    }

    private static ExtensionResponse Build(Row r, IEnumerable<(long ProductId, ProductKind Kind)> products, IEnumerable<string> aliases, ExtensionPhone? phone)
    {
        var held = products.OrderBy(p => p.ProductId).ToList();
        return new ExtensionResponse(
            r.Id, r.CustomerId, r.Kind, r.Number, r.Name, new ExtensionAccount(r.AccountKey, r.AccountId, r.Status, r.BlockedBy),
            held.Where(p => p.Kind == ProductKind.Main).Select(p => (long?)p.ProductId).FirstOrDefault(),
            held.Where(p => p.Kind == ProductKind.Addon).Select(p => p.ProductId).ToList(),
            aliases.Order(StringComparer.Ordinal).ToList(), phone, new SipLogin(r.AccountId), r.CreatedAt);
    }

    /// <summary>One extension by id, or null.</summary>
    public static async Task<ExtensionResponse?> ReadOneAsync(TollgateDb db, long id, CancellationToken ct) =>
        (await ReadAsync(db, db.Extensions.Where(e => e.Id == id), ct)).FirstOrDefault();
}
