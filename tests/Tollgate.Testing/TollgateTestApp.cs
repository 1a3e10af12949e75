using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tollgate.Data;
using Tollgate.Hosting;

namespace Tollgate.Testing;

/// <summary>A whole Tollgate process for a test: real Kestrel on a loopback port, a real database, a movable clock.</summary>
/// <remarks>
/// Tests move <see cref="Clock"/> instead of sleeping. Password hashing uses fewer iterations than in production so a
/// suite that signs in hundreds of times stays fast; the production work factor is covered by the hasher's own tests.
/// </remarks>
public sealed class TollgateTestApp : IAsyncDisposable
{
    public const string AdminLogin = "admin";
    public const string AdminPassword = "admin-test-password";

    /// <summary>Where every test's clock starts: 1 May 2026, noon UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http;

    private TollgateTestApp(WebApplication app, FakeTimeProvider clock, DbKind kind, string data, string connection, Uri address)
    {
        App = app;
        Clock = clock;
        Kind = kind;
        DataDirectory = data;
        ConnectionString = connection;
        BaseAddress = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };
    }

    public WebApplication App { get; }
    public FakeTimeProvider Clock { get; }
    public DbKind Kind { get; }
    public string DataDirectory { get; }
    public string ConnectionString { get; }
    public Uri BaseAddress { get; }

    public static async Task<TollgateTestApp> StartAsync(
        DbKind kind,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string? dataDirectory = null,
        string? connectionString = null,
        FakeTimeProvider? clock = null,
        Action<Microsoft.AspNetCore.Routing.RouteGroupBuilder>? mapApi = null)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("tollgate-test-").FullName;
        var connection = connectionString ?? await TestDatabase.CreateAsync(kind, data);
        var values = new Dictionary<string, string?>
        {
            ["Tollgate:Db"] = connection,
            ["Tollgate:Data"] = data,
            ["Tollgate:Urls"] = "http://127.0.0.1:0",
            ["Tollgate:AdminPassword"] = AdminPassword,
            ["Tollgate:Auth:PasswordIterations"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var (parsed, error) = TollgateSettings.From(configuration);
        parsed.ShouldNotBeNull(error);

        clock ??= new FakeTimeProvider(Start);
        var app = TollgateHost.Build(parsed, configuration, s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
            services?.Invoke(s);
        }, mapApi);
        await Bootstrap.MigrateAsync(app.Services.GetRequiredService<TollgateDbFactory>(), CancellationToken.None);
        await Bootstrap.EnsureAdministratorAsync(app, parsed.AdminPassword, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TollgateTestApp(app, clock, kind, data, connection, new Uri(address));
    }

    public ApiClient Anonymous() => new(_http);

    /// <summary>Signs in and returns a client that sends the access token.</summary>
    public async Task<ApiClient> SignInAsync(string realm, string login, string password)
    {
        var client = new ApiClient(_http);
        var response = await client.PostAsync("/api/v1/auth/login", new { realm, login, password });
        response.ShouldHave(HttpStatusCode.OK);
        client.AccessToken = response["accessToken"].GetString();
        client.RefreshToken = response["refreshToken"].GetString();
        return client;
    }

    public Task<ApiClient> AdminAsync() => SignInAsync("admin", AdminLogin, AdminPassword);

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The folder e-mails are written to when no SMTP server is configured (DATA/mail).</summary>
    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    /// <summary>A database context that sees everything, to check what was stored.</summary>
    public TollgateDb Database() => Service<TollgateDbFactory>().CreateSystem();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>One running app per test class, on one database engine.</summary>
public abstract class AppFixture(DbKind kind) : IAsyncLifetimeFixture
{
    private TollgateTestApp? _app;
    private MailFolder? _mail;

    public TollgateTestApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    public DbKind Kind => kind;

    /// <summary>Where this app's e-mail arrives: its mail folder, unless a subclass gives it an SMTP server.</summary>
    public virtual Mailbox Mail => _mail ??= new MailFolder(App.MailDirectory);

    public async Task InitializeAsync() => _app = await StartAppAsync();

    /// <summary>Starts the app; subclasses add settings or services.</summary>
    protected virtual Task<TollgateTestApp> StartAppAsync() => TollgateTestApp.StartAsync(kind);

    public virtual async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _mail?.Dispose();
    }
}

/// <summary>xUnit's async fixture lifetime, named for what it is here.</summary>
public interface IAsyncLifetimeFixture : Xunit.IAsyncLifetime;

public sealed class SqliteApp() : AppFixture(DbKind.Sqlite);

public sealed class PostgresApp() : AppFixture(DbKind.Postgres);

/// <summary>An app whose e-mail goes over real SMTP to a <see cref="TestSmtpServer"/> started for it.</summary>
public abstract class SmtpAppFixture(DbKind kind) : AppFixture(kind)
{
    private TestSmtpServer? _smtp;

    public TestSmtpServer Smtp => _smtp ?? throw new InvalidOperationException("The SMTP server has not started.");

    public override Mailbox Mail => Smtp;

    /// <summary>More routes for this app (probe endpoints standing in for features built elsewhere).</summary>
    protected virtual Action<Microsoft.AspNetCore.Routing.RouteGroupBuilder>? MapApi => null;

    protected override Task<TollgateTestApp> StartAppAsync()
    {
        _smtp = TestSmtpServer.Start();
        return TollgateTestApp.StartAsync(Kind, _smtp.Settings(), mapApi: MapApi);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_smtp is not null) await _smtp.DisposeAsync();
    }
}

public sealed class SqliteSmtpApp() : SmtpAppFixture(DbKind.Sqlite);

public sealed class PostgresSmtpApp() : SmtpAppFixture(DbKind.Postgres);
