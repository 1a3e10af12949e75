using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Outbox;
using Tollgate.Data.Outbox;

namespace Tollgate.Testing;

/// <summary>Waits for the outbox worker to reach a state, woken by what the worker reports (never by time passing).</summary>
public static class OutboxWatch
{
    /// <summary>
    /// The newest outbox row to <paramref name="recipient"/> once it satisfies <paramref name="state"/>; with
    /// <paramref name="workerAsleep"/>, also once the worker sleeps on its timer again, so that moving the clock wakes it.
    /// </summary>
    public static async Task<OutboxMessage> WaitForOutboxAsync(this TollgateTestApp app, string recipient, Func<OutboxMessage, bool> state,
        string what, bool workerAsleep = false)
    {
        var progress = app.Service<OutboxProgress>();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange() => Volatile.Read(ref changed).TrySetResult();
        progress.Changed += OnChange;
        try
        {
            while (true)
            {
                Volatile.Write(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                var next = Volatile.Read(ref changed).Task;
                await using (var db = app.Database())
                {
                    var row = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Recipient == recipient).OrderBy(m => m.Id).LastOrDefaultAsync();
                    if (row is not null && state(row) && (!workerAsleep || progress.WorkerSleeping)) return row;
                }
                try
                {
                    await next.WaitAsync(Mailbox.Patience);
                }
                catch (TimeoutException)
                {
                    throw new TimeoutException($"The outbox message to {recipient} never became {what}{(workerAsleep ? " with the worker asleep" : "")}.");
                }
            }
        }
        finally
        {
            progress.Changed -= OnChange;
        }
    }
}
