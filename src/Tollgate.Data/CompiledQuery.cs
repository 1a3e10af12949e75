using Microsoft.EntityFrameworkCore;

namespace Tollgate.Data;

/// <summary>
/// A query of a hot path compiled once per database provider with <c>EF.CompileAsyncQuery</c>: building a LINQ query
/// and finding it in EF's query cache costs the server more CPU than running a short one.
/// </summary>
/// <remarks>
/// EF binds a compiled query to the provider and model of the first context that runs it, and one process can hold
/// contexts of both providers (the tests do), so each provider gets its own. Inside the query: no <c>ForUpdate()</c>
/// (write <c>.TagWith(RowLocks.Tag)</c>) and no <c>EF.MultipleParameters</c> (EF refuses it in compiled queries).
/// </remarks>
/// <typeparam name="TQuery">The delegate <c>EF.CompileAsyncQuery</c> returns.</typeparam>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly TQuery _sqlite = compile();
    private readonly TQuery _postgres = compile();

    /// <summary>The query compiled for <paramref name="db"/>'s provider.</summary>
    public TQuery For(TollgateDb db) => db.Provider == DatabaseProvider.PostgreSql ? _postgres : _sqlite;
}
