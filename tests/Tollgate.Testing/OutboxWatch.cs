using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Outbox;
using Tollgate.Data.Outbox;

namespace Tollgate.Testing;

/// <summary>Waits for the outbox worker to record a state, woken by each delivery attempt it reports (never by time passing).</summary>
public static class OutboxWatch
{
    /// <summary>The outbox row to <paramref name="recipient"/> once it satisfies <paramref name="state"/>.</summary>
    public static async Task<OutboxMessage> WaitForOutboxAsync(this TollgateTestApp app, string recipient, Func<OutboxMessage, bool> state,
        string what)
    {
        var progress = app.Service<OutboxProgress>();
        var attempted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnAttempt(OutboxAttempt _) => Volatile.Read(ref attempted).TrySetResult();
        progress.Attempted += OnAttempt;
        try
        {
            while (true)
            {
                Volatile.Write(ref attempted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                var next = Volatile.Read(ref attempted).Task;
                await using (var db = app.Database())
                {
                    var row = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Recipient == recipient).OrderBy(m => m.Id).LastOrDefaultAsync();
                    if (row is not null && state(row)) return row;
                }
                try
                {
                    await next.WaitAsync(Mailbox.Patience);
                }
                catch (TimeoutException)
                {
                    throw new TimeoutException($"The outbox message to {recipient} never became {what}.");
                }
            }
        }
        finally
        {
            progress.Attempted -= OnAttempt;
        }
    }
}
