using Microsoft.EntityFrameworkCore.Storage;
using Tollgate.Data.Audit;

namespace Tollgate.Data;

/// <summary>What one database context remembers between its saves and the commit: pending audit entries and after-commit actions.</summary>
/// <remarks>Reset whenever a context is handed out, so nothing carries over from the pool.</remarks>
internal sealed class UnitOfWork
{
    /// <summary>Changes saved in the current transaction, merged per object, waiting to be written as audit entries at commit.</summary>
    public AuditLog Audit { get; } = new();

    /// <summary>Run once the changes are committed (for example: wake the outbox worker).</summary>
    public List<Action> AfterCommit { get; } = [];

    /// <summary>The transaction the audit started itself for a save made outside any transaction.</summary>
    public IDbContextTransaction? OwnTransaction { get; set; }

    public void RunAfterCommit()
    {
        var actions = AfterCommit.ToList();
        AfterCommit.Clear();
        foreach (var action in actions) action();
    }
}
