using Tollgate.Data;

namespace Tollgate.Api.Hosting;

/// <summary>Adds one feature's part of the demonstration provider that <c>tollgate up --demo</c> creates.</summary>
/// <remarks>
/// Seeders run in <see cref="Order"/> on an empty database, in one transaction, with a system-scoped context; each
/// may use what earlier ones created through <see cref="DemoData"/> (ids by name) and add its own, and may add lines
/// to <see cref="DemoData.Notes"/> that the start-up banner prints (logins to try, what to look at).
/// </remarks>
public interface IDemoSeeder
{
    int Order { get; }

    Task SeedAsync(TollgateDb db, DemoData demo, CancellationToken ct);
}

/// <summary>What the demo seeders have created so far, by name, and what to tell the newcomer.</summary>
public sealed class DemoData
{
    public Dictionary<string, long> Resellers { get; } = [];
    public Dictionary<string, long> Customers { get; } = [];
    public Dictionary<string, long> Accounts { get; } = [];
    public Dictionary<string, long> Other { get; } = [];
    public List<string> Notes { get; } = [];
}
