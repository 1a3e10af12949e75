using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tollgate.Data.Audit;

/// <summary>Writes a transaction's audit entries in the transaction, as multi-row INSERTs.</summary>
/// <remarks>
/// Nothing reads an entry back after it is written, so the entries need neither change tracking nor their generated
/// ids returned: one statement of many rows costs the database a fraction of a statement per row (an extension
/// creation writes seven entries), and the server the work of a tracked save. The columns, their names and how each
/// value is stored (enums by name, instants as the provider keeps them) come from the model's own type mappings, so
/// the rows are those a save of the entities would write.
/// </remarks>
internal static class AuditWriter
{
    /// <summary>Rows per statement: 9 parameters each stays far below both providers' parameter limits.</summary>
    private const int RowsPerStatement = 200;

    public static async Task WriteAsync(TollgateDb db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";

        for (var start = 0; start < entries.Count; start += RowsPerStatement)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var end = Math.Min(entries.Count, start + RowsPerStatement);
            for (var row = start; row < end; row++)
            {
                text.Append(row == start ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = $"p{(row - start) * columns.Length + c}";
                    var value = columns[c].GetGetter().GetClrValueUsingContainingEntity(entries[row]);
                    command.Parameters.Add(columns[c].GetRelationalTypeMapping().CreateParameter(command, name, value, columns[c].IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
