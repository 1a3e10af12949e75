using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Billing;

namespace Tollgate.Billing.Runs;

/// <summary>The bulk reads and writes of a billing run, in each database's own dialect.</summary>
/// <remarks>
/// A run writes up to millions of charge lines, so they bypass EF's change tracker: PostgreSQL gets one statement per
/// batch over arrays (<c>unnest</c>), SQLite one prepared statement per row (it is in-process, so a statement costs
/// microseconds). Inserts say <c>ON CONFLICT DO NOTHING</c> on the natural key: a line that exists is never written
/// twice, whoever wrote it. Everything runs in the caller's transaction.
/// </remarks>
internal abstract class ChargeStore
{
    public static ChargeStore For(TollgateDb db) => db.Provider == DatabaseProvider.PostgreSql ? new PostgresChargeStore() : new SqliteChargeStore();

    /// <summary>Takes up to <paramref name="limit"/> payers due for a run, after <paramref name="afterId"/>, locking them until the transaction ends.</summary>
    public abstract Task<List<BillingCycle>> ClaimAsync(TollgateDb db, DateTime now, DateOnly through, long afterId, int limit, CancellationToken ct);

    /// <summary>Inserts charge lines that do not exist yet; returns those it inserted (each moves its payer's balance).</summary>
    public abstract Task<IReadOnlyList<Xdr>> InsertAsync(TollgateDb db, IReadOnlyList<Xdr> rows, CancellationToken ct);

    /// <summary>Rewrites the days, fee and amount of running totals (progressive charges, credits).</summary>
    public abstract Task UpdateAsync(TollgateDb db, IReadOnlyList<StoredCharge> rows, DateTime now, CancellationToken ct);

    /// <summary>The sum and count of a payer kind's lines per payer and billing period, for periods starting in [from, to).</summary>
    public abstract Task<Dictionary<(long PayerId, DateOnly PeriodStart), (decimal Total, int Lines)>> TotalsAsync(
        TollgateDb db, PayerKind kind, IReadOnlyCollection<long> payerIds, DateOnly from, DateOnly to, CancellationToken ct);

    /// <summary>Reserves <paramref name="count"/> invoice numbers of an issuer; returns the last. The counter row stays locked until commit.</summary>
    public async Task<long> ReserveInvoiceNumbersAsync(TollgateDb db, long issuerKey, int count, CancellationToken ct)
    {
        await using var command = Command(db, """
            INSERT INTO invoice_counters (issuer_key, last_number) VALUES (@issuer, @count)
            ON CONFLICT (issuer_key) DO UPDATE SET last_number = invoice_counters.last_number + excluded.last_number
            RETURNING last_number
            """);
        Add(command, "issuer", issuerKey);
        Add(command, "count", (long)count);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static DbCommand Command(TollgateDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                              ?? throw new InvalidOperationException("Billing writes run inside the batch's transaction.");
        return command;
    }

    protected static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    protected static string Text<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString();
}

internal sealed class PostgresChargeStore : ChargeStore
{
    public override Task<List<BillingCycle>> ClaimAsync(TollgateDb db, DateTime now, DateOnly through, long afterId, int limit, CancellationToken ct) =>
        db.Set<BillingCycle>().FromSql($"""
            SELECT * FROM billing_cycles
            WHERE due_at <= {now} AND charged_through < {through} AND id > {afterId}
            ORDER BY id LIMIT {limit}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);

    private static readonly string[] ColumnNames =
    [
        "kind", "payer_kind", "payer_id", "source_id", "key_date", "period_start", "account_id", "customer_id", "reseller_id", "subscription_id",
        "service_from", "service_to", "fee", "amount", "currency", "created_at",
    ];

    /// <remarks>
    /// The batch's payers are locked and their charges were read inside this transaction, so no other billing run can
    /// have written these rows: they go in by binary COPY, the fastest way in. Should the unique natural key refuse one
    /// anyway (another writer got there first), the COPY is undone to a savepoint and the rows are inserted one
    /// statement at a time with <c>ON CONFLICT DO NOTHING</c>, which skips the ones that exist.
    /// </remarks>
    public override async Task<IReadOnlyList<Xdr>> InsertAsync(TollgateDb db, IReadOnlyList<Xdr> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
                                              ?? throw new InvalidOperationException("Billing writes run inside the batch's transaction."));
        await transaction.SaveAsync("charges", ct);
        try
        {
            await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows, ct);
            await transaction.ReleaseAsync("charges", ct);
            return rows;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("charges", ct);
            return await InsertMissingAsync(db, rows, ct);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<Xdr> rows, CancellationToken ct)
    {
        await using var copy = await PgBinaryCopy.BeginAsync(connection, "xdrs", ColumnNames, ct);
        foreach (var r in rows)
        {
            ct.ThrowIfCancellationRequested();
            copy.StartRow();
            copy.Write(Text(r.Kind));
            copy.Write(Text(r.PayerKind));
            copy.Write(r.PayerId);
            copy.Write(r.SourceId);
            copy.Write(r.KeyDate);
            copy.Write(r.PeriodStart);
            copy.Write(r.AccountId);
            copy.Write(r.CustomerId);
            copy.Write(r.ResellerId);
            copy.Write(r.SubscriptionId);
            copy.Write(r.ServiceFrom);
            copy.Write(r.ServiceTo);
            copy.Write(r.Fee);
            copy.Write(r.Amount);
            copy.Write(r.Currency);
            copy.Write(r.CreatedAt);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task<IReadOnlyList<Xdr>> InsertMissingAsync(TollgateDb db, IReadOnlyList<Xdr> rows, CancellationToken ct)
    {
        await using var command = (NpgsqlCommand)Command(db, """
            INSERT INTO xdrs (kind, payer_kind, payer_id, source_id, key_date, period_start, account_id, customer_id, reseller_id,
                              subscription_id, service_from, service_to, fee, amount, currency, created_at)
            SELECT u.kind, u.payer_kind, u.payer_id, u.source_id, u.key_date, u.period_start, u.account_id, u.customer_id, u.reseller_id,
                   u.subscription_id, u.service_from, u.service_to, u.fee, u.amount, u.currency, @created_at
            FROM unnest(@kind, @payer_kind, @payer_id, @source_id, @key_date, @period_start, @account_id, @customer_id, @reseller_id,
                        @subscription_id, @service_from, @service_to, @fee, @amount, @currency)
                 AS u(kind, payer_kind, payer_id, source_id, key_date, period_start, account_id, customer_id, reseller_id,
                      subscription_id, service_from, service_to, fee, amount, currency)
            ON CONFLICT (payer_kind, payer_id, kind, source_id, key_date) DO NOTHING
            RETURNING payer_kind, payer_id, kind, source_id, key_date
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]>("kind", rows.Select(r => Text(r.Kind)).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("payer_kind", rows.Select(r => Text(r.PayerKind)).ToArray()));
        p.Add(new NpgsqlParameter<long[]>("payer_id", rows.Select(r => r.PayerId).ToArray()));
        p.Add(new NpgsqlParameter<long[]>("source_id", rows.Select(r => r.SourceId).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("key_date", rows.Select(r => r.KeyDate).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("period_start", rows.Select(r => r.PeriodStart).ToArray()));
        p.Add(new NpgsqlParameter<long?[]>("account_id", rows.Select(r => r.AccountId).ToArray()));
        p.Add(new NpgsqlParameter<long?[]>("customer_id", rows.Select(r => r.CustomerId).ToArray()));
        p.Add(new NpgsqlParameter<long?[]>("reseller_id", rows.Select(r => r.ResellerId).ToArray()));
        p.Add(new NpgsqlParameter<long?[]>("subscription_id", rows.Select(r => r.SubscriptionId).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("service_from", rows.Select(r => r.ServiceFrom).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("service_to", rows.Select(r => r.ServiceTo).ToArray()));
        p.Add(new NpgsqlParameter<decimal[]>("fee", rows.Select(r => r.Fee).ToArray()));
        p.Add(new NpgsqlParameter<decimal[]>("amount", rows.Select(r => r.Amount).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("currency", rows.Select(r => r.Currency).ToArray()));
        p.Add(new NpgsqlParameter<DateTime>("created_at", NpgsqlDbType.TimestampTz) { TypedValue = rows[0].CreatedAt });
        var byKey = rows.ToDictionary(r => (Text(r.PayerKind), r.PayerId, Text(r.Kind), r.SourceId, r.KeyDate));
        var inserted = new List<Xdr>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            inserted.Add(byKey[(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetFieldValue<DateOnly>(4))]);
        return inserted;
    }

    public override async Task UpdateAsync(TollgateDb db, IReadOnlyList<StoredCharge> rows, DateTime now, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var command = (NpgsqlCommand)Command(db, """
            UPDATE xdrs AS x SET service_from = u.service_from, service_to = u.service_to, fee = u.fee, amount = u.amount, updated_at = @now
            FROM unnest(@id, @service_from, @service_to, @fee, @amount) AS u(id, service_from, service_to, fee, amount)
            WHERE x.id = u.id
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<long[]>("id", rows.Select(r => r.Id).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("service_from", rows.Select(r => r.Charge.Service.Start).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("service_to", rows.Select(r => r.Charge.Service.End).ToArray()));
        p.Add(new NpgsqlParameter<decimal[]>("fee", rows.Select(r => r.Charge.Fee).ToArray()));
        p.Add(new NpgsqlParameter<decimal[]>("amount", rows.Select(r => r.Charge.Amount).ToArray()));
        p.Add(new NpgsqlParameter<DateTime>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
        await command.ExecuteNonQueryAsync(ct);
    }

    public override async Task<Dictionary<(long PayerId, DateOnly PeriodStart), (decimal Total, int Lines)>> TotalsAsync(
        TollgateDb db, PayerKind kind, IReadOnlyCollection<long> payerIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (payerIds.Count == 0) return [];
        var rows = await db.Set<Xdr>().Where(x => x.PayerKind == kind && payerIds.Contains(x.PayerId) && x.PeriodStart >= from && x.PeriodStart < to)
            .GroupBy(x => new { x.PayerId, x.PeriodStart })
            .Select(g => new { g.Key.PayerId, g.Key.PeriodStart, Total = g.Sum(x => x.Amount), Lines = g.Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.PayerId, r.PeriodStart), r => (r.Total, r.Lines));
    }
}

internal sealed class SqliteChargeStore : ChargeStore
{
    public override Task<List<BillingCycle>> ClaimAsync(TollgateDb db, DateTime now, DateOnly through, long afterId, int limit, CancellationToken ct) =>
        // The batch's transaction holds SQLite's write lock (BEGIN IMMEDIATE), so claims of concurrent runs cannot interleave.
        db.Set<BillingCycle>().Where(c => c.DueAt <= now && c.ChargedThrough < through && c.Id > afterId)
            .OrderBy(c => c.Id).Take(limit).ToListAsync(ct);

    public override async Task<IReadOnlyList<Xdr>> InsertAsync(TollgateDb db, IReadOnlyList<Xdr> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        await using var command = (SqliteCommand)Command(db, """
            INSERT INTO xdrs (kind, payer_kind, payer_id, source_id, key_date, period_start, account_id, customer_id, reseller_id,
                              subscription_id, service_from, service_to, fee, amount, currency, created_at)
            VALUES (@kind, @payer_kind, @payer_id, @source_id, @key_date, @period_start, @account_id, @customer_id, @reseller_id,
                    @subscription_id, @service_from, @service_to, @fee, @amount, @currency, @created_at)
            ON CONFLICT (payer_kind, payer_id, kind, source_id, key_date) DO NOTHING
            """);
        string[] names = ["kind", "payer_kind", "payer_id", "source_id", "key_date", "period_start", "account_id", "customer_id", "reseller_id",
            "subscription_id", "service_from", "service_to", "fee", "amount", "currency", "created_at"];
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        var inserted = new List<Xdr>();
        foreach (var r in rows)
        {
            object?[] values =
            [
                Text(r.Kind), Text(r.PayerKind), r.PayerId, r.SourceId, Date(r.KeyDate), Date(r.PeriodStart), r.AccountId, r.CustomerId,
                r.ResellerId, r.SubscriptionId, Date(r.ServiceFrom), Date(r.ServiceTo), Number(r.Fee), Number(r.Amount), r.Currency,
                Instant(r.CreatedAt),
            ];
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            if (await command.ExecuteNonQueryAsync(ct) == 1) inserted.Add(r);
        }
        return inserted;
    }

    public override async Task UpdateAsync(TollgateDb db, IReadOnlyList<StoredCharge> rows, DateTime now, CancellationToken ct)
    {
        await using var command = (SqliteCommand)Command(db,
            "UPDATE xdrs SET service_from = @from, service_to = @to, fee = @fee, amount = @amount, updated_at = @now WHERE id = @id");
        foreach (var name in new[] { "from", "to", "fee", "amount", "now", "id" }) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        foreach (var row in rows)
        {
            var c = row.Charge;
            object[] values = [Date(c.Service.Start), Date(c.Service.End), Number(c.Fee), Number(c.Amount), Instant(now), row.Id];
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public override async Task<Dictionary<(long PayerId, DateOnly PeriodStart), (decimal Total, int Lines)>> TotalsAsync(
        TollgateDb db, PayerKind kind, IReadOnlyCollection<long> payerIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        // SQLite keeps decimals as text and would sum them as floating point: add them up here, exactly.
        var rows = await db.Set<Xdr>().Where(x => x.PayerKind == kind && payerIds.Contains(x.PayerId) && x.PeriodStart >= from && x.PeriodStart < to)
            .Select(x => new { x.PayerId, x.PeriodStart, x.Amount }).ToListAsync(ct);
        return rows.GroupBy(r => (r.PayerId, r.PeriodStart)).ToDictionary(g => g.Key, g => (g.Sum(r => r.Amount), g.Count()));
    }

    // The same text forms EF Core's SQLite provider writes, so rows read back identically whoever wrote them.
    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Instant(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    private static string Number(decimal d) => d.ToString("0.0###########################", System.Globalization.CultureInfo.InvariantCulture);
}
