using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Tollgate.Data;
using Tollgate.Data.Outbox;

namespace Tollgate.Api.Outbox;

/// <summary>Delivers the outbox: claims due messages, hands them to the mail transport, records what happened.</summary>
/// <remarks>
/// <para>
/// A message is claimed by pushing its next attempt a lease into the future (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>,
/// so several workers share the table); a worker that dies mid-delivery leaves it to be retried when the lease ends.
/// Delivery is therefore at least once; the Message-Id stays the same on every attempt, so a receiver can drop repeats.
/// </para>
/// <para>
/// A transient failure is retried after 1, 2, 4 … minutes (at most an hour apart) on the injected clock, until
/// <see cref="OutboxOptions.GiveUpAfterHours"/> have passed since the message was queued; a permanent refusal (5xx) is
/// not retried. Either way the message stays in the table with its last error.
/// </para>
/// </remarks>
public sealed partial class OutboxWorker(
    TollgateDbFactory databases,
    IMailTransport transport,
    OutboxSignal signal,
    OutboxProgress progress,
    TimeProvider clock,
    IOptions<SmtpOptions> smtp,
    IOptions<OutboxOptions> options,
    ILogger<OutboxWorker> log) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(1);

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones: 1, 2, 4 … minutes, at most an hour.</summary>
    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(MaxBackOff.TotalMinutes, Math.Pow(2, Math.Max(0, attempts - 1))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(log, transport.Describe());
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Arm();
            var wait = TimeSpan.FromSeconds(options.Value.PollSeconds);
            try
            {
                if (await DeliverDueAsync(stoppingToken) is { } untilNext && untilNext < wait) wait = untilNext;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(log, e);
            }
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, clock, sleep.Token);
            // Reported once the timer exists: from here on, moving the clock past it wakes the worker.
            progress.Sleeping(true);
            await Task.WhenAny(woken, delay);
            progress.Sleeping(false);
            await sleep.CancelAsync();
        }
    }

    /// <summary>Delivers everything due now; returns how long until the next pending message is due, or null when none is.</summary>
    public async Task<TimeSpan?> DeliverDueAsync(CancellationToken ct)
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var batch = await ClaimAsync(now, ct);
            if (batch.Count == 0) break;
            var results = await transport.SendAsync(batch.Select(Compose).ToList(), ct);
            await RecordAsync(batch, results, ct);
        }
        await using var db = databases.CreateSystem();
        var next = await db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTime?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
        return next is null ? null : next.Value - clock.GetUtcNow().UtcDateTime;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(DateTime now, CancellationToken ct)
    {
        var size = options.Value.BatchSize;
        await using var db = databases.CreateSystem();
        await using var tx = await db.BeginWriteAsync(ct);
        var due = db.Provider == DatabaseProvider.PostgreSql
            ? db.Set<OutboxMessage>().FromSql(
                $"SELECT * FROM outbox_messages WHERE status = 'Pending' AND next_attempt_at <= {now} ORDER BY next_attempt_at, id LIMIT {size} FOR UPDATE SKIP LOCKED")
            : db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(size);
        var batch = await due.ToListAsync(ct);
        foreach (var message in batch) message.NextAttemptAt = now + Lease;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch;
    }

    private async Task RecordAsync(List<OutboxMessage> batch, IReadOnlyList<Delivery> results, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var giveUp = TimeSpan.FromHours(options.Value.GiveUpAfterHours);
        var ids = batch.Select(m => m.Id).ToList();
        await using var db = databases.CreateSystem();
        var rows = await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var attempts = new List<OutboxAttempt>();
        for (var i = 0; i < batch.Count; i++)
        {
            var row = rows[batch[i].Id];
            var result = results[i];
            row.Attempts++;
            switch (result.Outcome)
            {
                case DeliveryOutcome.Sent:
                    row.Status = OutboxStatus.Sent;
                    row.SentAt = now;
                    row.LastError = null;
                    if (row.Sensitive) row.Body = "(removed after delivery: it held a single-use link)";
                    break;
                case DeliveryOutcome.Permanent:
                    row.Status = OutboxStatus.Failed;
                    row.LastError = Truncate(result.Error);
                    LogGaveUp(log, row.Id, row.Attempts, result.Error ?? "");
                    break;
                default:
                    row.LastError = Truncate(result.Error);
                    if (now - row.CreatedAt >= giveUp)
                    {
                        row.Status = OutboxStatus.Failed;
                        LogGaveUp(log, row.Id, row.Attempts, result.Error ?? "");
                    }
                    else
                    {
                        row.NextAttemptAt = now + BackOff(row.Attempts);
                        LogRetry(log, row.Id, row.Attempts, row.NextAttemptAt, result.Error ?? "");
                    }
                    break;
            }
            attempts.Add(new OutboxAttempt(row.Id, row.Status, row.Attempts, result));
        }
        await db.SaveChangesAsync(ct);
        foreach (var attempt in attempts) progress.Report(attempt);
    }

    private MimeMessage Compose(OutboxMessage m)
    {
        var from = MailboxAddress.Parse(smtp.Value.From);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(m.RecipientName ?? "", m.Recipient));
        message.Subject = m.Subject;
        message.Date = new DateTimeOffset(m.CreatedAt, TimeSpan.Zero);
        // The same id on every attempt lets a receiver recognise a repeat after an interrupted delivery.
        message.MessageId = $"tollgate.outbox.{m.Id}.{m.CreatedAt.Ticks}@{(from.Domain is { Length: > 0 } d ? d : "tollgate.invalid")}";
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = m.Body };
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private static string? Truncate(string? error) => error is { Length: > 1000 } ? error[..1000] : error;

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox worker started; mail: {Transport}")]
    private static partial void LogStarted(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id}: attempt {Attempts} failed, next at {Next:o}: {Error}")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, DateTime next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} marked failed after {Attempts} attempt(s): {Error}")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox pass failed; trying again at the next poll")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}

/// <summary>One delivery attempt of an outbox message, as reported to <see cref="OutboxProgress"/>.</summary>
public sealed record OutboxAttempt(long MessageId, OutboxStatus Status, int Attempts, Delivery Delivery);

/// <summary>What the outbox worker is doing, for the metrics endpoint and for listeners (operations tooling, tests).</summary>
public sealed class OutboxProgress
{
    private static readonly Prometheus.Counter Attempts = Prometheus.Metrics.CreateCounter(
        "tollgate_outbox_attempts_total", "Outbox delivery attempts by outcome.", "outcome");

    private static readonly Prometheus.Gauge Idle = Prometheus.Metrics.CreateGauge(
        "tollgate_outbox_worker_idle", "1 while the outbox worker waits for due messages, 0 while it works.");

    private int _sleeping;

    /// <summary>Raised after each delivery attempt is recorded.</summary>
    public event Action<OutboxAttempt>? Attempted;

    /// <summary>Raised whenever an attempt is recorded or the worker falls asleep or wakes.</summary>
    public event Action? Changed;

    /// <summary>Whether the worker is waiting (for a wake-up, its poll, or the next message's due time).</summary>
    public bool WorkerSleeping => Volatile.Read(ref _sleeping) == 1;

    public void Report(OutboxAttempt attempt)
    {
        Attempts.WithLabels(attempt.Delivery.Outcome.ToString().ToLowerInvariant()).Inc();
        Attempted?.Invoke(attempt);
        Changed?.Invoke();
    }

    public void Sleeping(bool sleeping)
    {
        Volatile.Write(ref _sleeping, sleeping ? 1 : 0);
        Idle.Set(sleeping ? 1 : 0);
        Changed?.Invoke();
    }
}
