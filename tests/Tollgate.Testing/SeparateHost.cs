namespace Tollgate.Testing;

/// <summary>Starts a second Tollgate host that shares only the database (and the test's clock) with an api host.</summary>
/// <remarks>
/// <para>
/// It stands for a process started elsewhere with <c>tollgate up --role … --auth-jwks-url …</c>: its own data folder
/// (so no signing key file), its own services and caches, its own port, and the api's key set URL to verify access
/// tokens. The clock is the api host's <see cref="TollgateTestApp.Clock"/>, as two real processes share the wall clock,
/// so tests can move time for both at once.
/// </para>
/// <para>For a real second operating-system process, see the tests that run <c>dotnet tollgate.dll</c>.</para>
/// </remarks>
public static class SeparateHost
{
    public static Task<TollgateTestApp> StartAsync(TollgateTestApp api, string roles, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Tollgate:Roles"] = roles,
            ["Tollgate:Auth:JwksUrl"] = new Uri(api.BaseAddress, "/.well-known/jwks.json").ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return TollgateTestApp.StartAsync(api.Kind, values, connectionString: api.ConnectionString, clock: api.Clock);
    }
}

/// <summary>An api host (every role) and a separately started host running only <see cref="Roles"/>, on one database.</summary>
public abstract class SeparateHostFixture(DbKind kind, string roles) : AppFixture(kind)
{
    private TollgateTestApp? _separate;

    public string Roles => roles;

    /// <summary>The host that runs only <see cref="Roles"/> and verifies tokens with the api's key set.</summary>
    public TollgateTestApp Separate => _separate ?? throw new InvalidOperationException("The separate host has not started.");

    /// <summary>Settings of the separate host beyond its roles and key set URL.</summary>
    protected virtual IDictionary<string, string?>? SeparateSettings => null;

    protected override async Task<TollgateTestApp> StartAppAsync()
    {
        var api = await base.StartAppAsync();
        _separate = await SeparateHost.StartAsync(api, roles, SeparateSettings);
        return api;
    }

    public override async Task DisposeAsync()
    {
        if (_separate is not null) await _separate.DisposeAsync();
        await base.DisposeAsync();
    }
}
