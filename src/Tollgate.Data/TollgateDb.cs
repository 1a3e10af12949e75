using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Tollgate.Data.Access;
using Tollgate.Data.Audit;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Data;

/// <summary>The Tollgate database: one model, two providers (SQLite and PostgreSQL), tenant scope applied to every query.</summary>
/// <remarks>
/// <para>
/// A context belongs to one caller: <see cref="Scope"/> is set when the context is handed out and turned into query
/// filters on every tenant-owned table by the entity configurations (see <see cref="UnscopedAttribute"/>). Code that
/// must see everything (sign-in, background jobs) asks for a context with <see cref="TenantScope.System"/>.
/// </para>
/// <para>
/// Each provider has its own subclass only so that each keeps its own migration set; they share the model.
/// </para>
/// </remarks>
public abstract class TollgateDb(DbContextOptions options) : DbContext(options)
{
    private TenantScope _scope = TenantScope.Nobody;

    public TenantScope Scope
    {
        get => _scope;
        set
        {
            _scope = value;
            FilterAll = value.Kind == ScopeKind.All;
            FilterKind = value.Kind;
            FilterResellerId = value.ResellerId;
            FilterCustomerId = value.CustomerId;
            FilterAccountId = value.AccountId;
        }
    }

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Who makes this context's changes; they are recorded in the audit trail. Null: not audited (sign-in bookkeeping).</summary>
    public AuditActor? Actor { get; set; }

    internal UnitOfWork Work { get; private set; } = new();

    /// <summary>Runs <paramref name="action"/> once this context's changes are committed; dropped if they roll back.</summary>
    public void AfterCommit(Action action) => Work.AfterCommit.Add(action);

    /// <summary>Prepares a (possibly pooled) context for a new caller.</summary>
    internal void Reset(TenantScope scope, AuditActor? actor)
    {
        Scope = scope;
        Actor = actor;
        Work = new UnitOfWork();
    }

    // Flat copies of the scope for query filters: EF parameterizes members of the context per query.
    internal bool FilterAll { get; private set; }
    internal ScopeKind FilterKind { get; private set; } = ScopeKind.Nothing;
    internal long? FilterResellerId { get; private set; }
    internal long? FilterCustomerId { get; private set; }
    internal long? FilterAccountId { get; private set; }

    public DbSet<Credential> Credentials => Set<Credential>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Administrator> Administrators => Set<Administrator>();
    public DbSet<Reseller> Resellers => Set<Reseller>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Account> Accounts => Set<Account>();

    /// <summary>
    /// Starts a transaction that holds the write lock from its first statement: SQLite takes its database lock at once
    /// (BEGIN IMMEDIATE), so read-check-write sequences cannot interleave; PostgreSQL callers add
    /// <see cref="LockForUpdateAsync{TEntity}"/> on the row that guards the invariant.
    /// </summary>
    public Task<IDbContextTransaction> BeginWriteAsync(CancellationToken ct = default) =>
        Database.BeginTransactionAsync(ct);

    /// <summary>Locks one row until the transaction ends (PostgreSQL <c>FOR UPDATE</c>; SQLite already holds the database lock).</summary>
    public async Task LockForUpdateAsync<TEntity>(long id, CancellationToken ct = default) where TEntity : class
    {
        if (Provider != DatabaseProvider.PostgreSql) return;
        var entity = Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity)} is not mapped.");
        var table = entity.GetSchemaQualifiedTableName();
        var key = entity.FindPrimaryKey()!.Properties[0].GetColumnName();
#pragma warning disable EF1002 // The table and column names come from the model, not from input.
        await Database.ExecuteSqlRawAsync($"SELECT 1 FROM \"{table}\" WHERE \"{key}\" = {{0}} FOR UPDATE", [id], ct);
#pragma warning restore EF1002
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<decimal>().HavePrecision(19, 6);
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ApplyConfigurations(modelBuilder, typeof(TollgateDb).Assembly);
        StoreEnumsAsText(modelBuilder);
    }

    /// <summary>Applies every <c>IEntityTypeConfiguration&lt;T&gt;</c> of an assembly, passing this context to those that want it for query filters.</summary>
    private void ApplyConfigurations(ModelBuilder modelBuilder, Assembly assembly)
    {
        var apply = typeof(ModelBuilder).GetMethods()
            .Single(m => m.Name == nameof(ModelBuilder.ApplyConfiguration) &&
                         m.GetParameters()[0].ParameterType.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>));
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces()
                         .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
            {
                var withDb = type.GetConstructor([typeof(TollgateDb)]);
                var configuration = withDb is not null ? withDb.Invoke([this]) : Activator.CreateInstance(type)!;
                apply.MakeGenericMethod(contract.GenericTypeArguments[0]).Invoke(modelBuilder, [configuration]);
            }
        }
    }

    // Enums are stored by name: readable in plain SQL and safe when members are added in the middle.
    private static void StoreEnumsAsText(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type.IsEnum && property.GetValueConverter() is null)
                {
                    var converter = typeof(Microsoft.EntityFrameworkCore.Storage.ValueConversion.EnumToStringConverter<>).MakeGenericType(type);
                    property.SetValueConverter((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)Activator.CreateInstance(converter, [null])!);
                    property.SetMaxLength(40);
                }
            }
        }
    }
}

/// <summary>Which database engine a connection string points at.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
