namespace Tollgate.Cli;

/// <summary>One setting of <c>tollgate</c>: its command-line option, configuration key and environment variable.</summary>
/// <remarks>
/// One table drives all three sources, so the names can never drift apart. Precedence, lowest first:
/// built-in default, <c>appsettings.json</c> in the working directory, environment variable, command-line option.
/// </remarks>
public sealed record Setting(string Option, string Key, string Environment, string Description, bool IsFlag = false)
{
    public static Setting Db { get; } = new("--db", "Tollgate:Db", "TOLLGATE_DB",
        "Database connection string: 'Data Source=FILE' for SQLite or 'Host=…;Database=…;Username=…;Password=…' for PostgreSQL (default: SQLite file tollgate.db in the data folder)");

    public static Setting Urls { get; } = new("--urls", "Tollgate:Urls", "TOLLGATE_URLS",
        "Where HTTP listens, e.g. http://127.0.0.1:5080; several separated by ';' (default: http://127.0.0.1:5080)");

    public static Setting AdminPassword { get; } = new("--admin-password", "Tollgate:AdminPassword", "TOLLGATE_ADMIN_PASSWORD",
        "Password of administrator 'admin', created when no administrator exists yet (without it one is generated and printed once)");

    public static Setting Data { get; } = new("--data", "Tollgate:Data", "TOLLGATE_DATA",
        "Folder for the SQLite database, the token signing key and other files (default: ./data)");

    public static Setting MailDir { get; } = new("--mail-dir", "Tollgate:MailDir", "TOLLGATE_MAIL_DIR",
        "Folder where e-mails are written as .eml files while no SMTP server is configured (Tollgate:Smtp:Host) (default: mail in the data folder)");

    public static Setting Demo { get; } = new("--demo", "Tollgate:Demo", "TOLLGATE_DEMO",
        "Fill an empty database with a small demonstration provider", IsFlag: true);

    public static Setting Roles { get; } = new("--role", "Tollgate:Roles", "TOLLGATE_ROLES",
        "Which roles run in this process, separated by ',': api, worker, features (default: all)");

    public static Setting LogFormat { get; } = new("--log-format", "Tollgate:LogFormat", "TOLLGATE_LOG_FORMAT",
        "Log output: 'text' for people or 'json' for log collectors (default: text)");

    public static Setting Sip { get; } = new("--sip", "Tollgate:Sip", "TOLLGATE_SIP",
        "Where the switch listens for SIP, e.g. udp:127.0.0.1:5060,tcp:127.0.0.1:5060 (default: off; with --demo udp and tcp on 127.0.0.1:5060)");

    public static Setting KeepAliveInterval { get; } = new("--keepalive-interval", "Tollgate:Switch:KeepAliveInterval", "TOLLGATE_KEEPALIVE_INTERVAL",
        "Seconds between keep-alives on each call leg, unless a service policy says otherwise (default: 300)");

    public static Setting KeepAliveRetries { get; } = new("--keepalive-retries", "Tollgate:Switch:KeepAliveRetries", "TOLLGATE_KEEPALIVE_RETRIES",
        "How often a keep-alive that got no answer (or 408/481) is sent again before the call is ended (default: 1)");

    public static Setting AuthJwksUrl { get; } = new("--auth-jwks-url", "Tollgate:Auth:JwksUrl", "TOLLGATE_AUTH_JWKS_URL",
        "For a process without the api role (e.g. --role features): the api's key set that verifies access tokens, e.g. http://127.0.0.1:5080/.well-known/jwks.json");

    /// <summary>The settings of <c>tollgate up</c>, in the order <c>--help</c> shows them.</summary>
    public static IReadOnlyList<Setting> ForUp { get; } =
        [Db, Urls, AdminPassword, Data, MailDir, Demo, Roles, LogFormat, AuthJwksUrl, Sip, KeepAliveInterval, KeepAliveRetries];

    /// <summary>The settings of <c>tollgate migrate</c> and other one-shot commands that only need the database.</summary>
    public static IReadOnlyList<Setting> ForDatabase { get; } = [Db, Data, LogFormat];
}
