using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tollgate.Data.Audit;

/// <summary>Captures every save of a context that has an <see cref="TollgateDb.Actor"/> for the audit trail.</summary>
/// <remarks>
/// A save made outside a transaction gets one from here, so its audit entries commit with it or not at all; inside
/// a transaction the entries wait for <see cref="UnitOfWorkTransactions"/> to write them just before the commit.
/// Synchronous saves run the same code and wait for it.
/// </remarks>
internal sealed class AuditSaveInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is TollgateDb db && db.Actor is not null && db.Work.Audit.Capture(db)
            && db.Database.CurrentTransaction is null)
        {
            db.Work.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is not TollgateDb db) return result;
        db.Work.Audit.Saved(db);
        if (db.Work.OwnTransaction is { } own)
        {
            db.Work.OwnTransaction = null;
            await using (own) await own.CommitAsync(ct);
        }
        else if (db.Database.CurrentTransaction is null)
        {
            // The save committed by itself.
            db.Work.RunAfterCommit();
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default) =>
        AbandonAsync(eventData.Context, ct);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default) =>
        AbandonAsync(eventData.Context, ct);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        AbandonAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task AbandonAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not TollgateDb db) return;
        db.Work.Audit.SaveFailed();
        if (db.Work.OwnTransaction is { } own)
        {
            db.Work.OwnTransaction = null;
            await using (own) await own.RollbackAsync(CancellationToken.None);
        }
    }
}

/// <summary>Writes a transaction's pending audit entries just before it commits, and runs after-commit actions once it has.</summary>
internal sealed class UnitOfWorkTransactions(TimeProvider clock) : DbTransactionInterceptor
{
    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken ct = default)
    {
        // Whatever a transaction that was disposed without commit left behind must not join this one.
        if (eventData.Context is TollgateDb db) db.Work.Audit.ClearPending();
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) =>
        TransactionStartedAsync(connection, eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken ct = default)
    {
        if (eventData.Context is TollgateDb db && db.Work.Audit.HasPending && db.Actor is { } actor)
        {
            await AuditWriter.WriteAsync(db, db.Work.Audit.Drain(actor, clock.GetUtcNow().UtcDateTime), ct);
        }
        return result;
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        TransactionCommittingAsync(transaction, eventData, result).AsTask().GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is TollgateDb db) db.Work.RunAfterCommit();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is not TollgateDb db) return;
        db.Work.Audit.Clear();
        db.Work.AfterCommit.Clear();
    }
}
