using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Data;
using Tollgate.Domain.Access;
using Tollgate.Switch.Control;

namespace Tollgate.Switch.Api;

/// <summary>Which live calls the caller may see: those that concern an account in its tenant scope.</summary>
/// <remarks>
/// <para>A call concerns its parties' accounts and the account it is billed to. An administrator sees every call; a
/// reseller the calls of its customers' accounts; a customer (and its individuals) the calls of its own accounts and
/// extensions; an account its own calls. The decision is the data layer's tenant filter on accounts, asked through the
/// caller's scoped <see cref="TollgateDb"/>, so it is made in the one place every other API makes it.</para>
/// <para>An event stream asks again and again about the same few accounts: <see cref="Remember"/> keeps the answers
/// until <see cref="Forget"/>, which the stream calls whenever it checks the caller's session anew.</para>
/// </remarks>
public sealed class CallScope(TollgateDb db, CallerAccessor callers)
{
    private readonly Dictionary<long, bool> _known = [];

    /// <summary>When set, answers are kept (for a long-lived event stream).</summary>
    public bool Remember { get; set; }

    public bool SeesEverything => callers.Scope.Kind == ScopeKind.All;

    /// <summary>The accounts among <paramref name="keys"/> that the caller may see.</summary>
    public async Task<HashSet<long>> VisibleAsync(IEnumerable<long> keys, CancellationToken ct)
    {
        var wanted = keys.ToHashSet();
        if (SeesEverything || wanted.Count == 0) return wanted;
        var visible = new HashSet<long>();
        var unknown = new List<long>();
        foreach (var key in wanted)
        {
            if (Remember && _known.TryGetValue(key, out var seen))
            {
                if (seen) visible.Add(key);
            }
            else
            {
                unknown.Add(key);
            }
        }

        if (unknown.Count > 0)
        {
            var found = await db.Accounts.AsNoTracking().Where(a => unknown.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
            visible.UnionWith(found);
            if (Remember)
                foreach (var key in unknown) _known[key] = found.Contains(key);
        }

        return visible;
    }

    public async Task<bool> SeesAsync(CallView call, CancellationToken ct) =>
        SeesEverything || (await VisibleAsync(call.AccountKeys(), ct)).Count > 0;

    /// <summary>The calls among <paramref name="calls"/> the caller may see, in one query.</summary>
    public async Task<IReadOnlyList<CallView>> FilterAsync(IReadOnlyList<CallView> calls, CancellationToken ct)
    {
        if (SeesEverything) return calls;
        var visible = await VisibleAsync(calls.SelectMany(c => c.AccountKeys()), ct);
        return calls.Where(c => c.AccountKeys().Any(visible.Contains)).ToList();
    }

    /// <summary>Drops remembered answers, so the next question reads the database again.</summary>
    public void Forget() => _known.Clear();
}
