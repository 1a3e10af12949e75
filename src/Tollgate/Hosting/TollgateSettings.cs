using Microsoft.Extensions.Configuration;
using Tollgate.Data;

namespace Tollgate.Hosting;

/// <summary>The settings of one Tollgate process, read from configuration and checked before anything starts.</summary>
public sealed record TollgateSettings(
    DatabaseSettings Database,
    IReadOnlyList<string> Urls,
    string? AdminPassword,
    string DataDirectory,
    bool Demo,
    IReadOnlySet<string> Roles,
    bool JsonLogs,
    string MailDirectory,
    SwitchSettings Switch)
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Reads and checks the settings; every problem is reported in the returned sentence, none as an exception.</summary>
    public static (TollgateSettings? Settings, string? Error) From(IConfiguration configuration)
    {
        var problems = new List<string>();
        var section = configuration.GetSection("Tollgate");

        var data = Path.GetFullPath(section["Data"] is { Length: > 0 } d ? d : "data");
        var connection = section["Db"] is { Length: > 0 } db ? db : $"Data Source={Path.Combine(data, "tollgate.db")}";
        DatabaseSettings? database = null;
        if (DatabaseSettings.TryParse(connection, out _, out var dbError)) database = new DatabaseSettings(connection);
        else problems.Add($"--db: {dbError}");

        var urls = (section["Urls"] is { Length: > 0 } u ? u : DefaultUrl)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://localhost").Replace("://+", "://localhost"), UriKind.Absolute, out var uri)
                || (uri.Scheme != "http" && uri.Scheme != "https"))
                problems.Add($"--urls: '{url}' is not an http:// or https:// address such as {DefaultUrl}");
        }

        var roles = RoleCatalog.Parse(section["Roles"], out var roleError);
        if (roleError is not null) problems.Add($"--role: {roleError}");

        var demo = false;
        if (section["Demo"] is { Length: > 0 } demoText && !bool.TryParse(demoText, out demo))
            problems.Add($"--demo: '{demoText}' is not true or false");

        var logFormat = section["LogFormat"] ?? "text";
        if (logFormat is not ("text" or "json")) problems.Add($"--log-format: '{logFormat}' is not 'text' or 'json'");

        var mail = Path.GetFullPath(section["MailDir"] is { Length: > 0 } m ? m : Path.Combine(data, "mail"));
        problems.AddRange(Api.Outbox.SmtpOptions.Check(configuration));
        problems.AddRange(TokenVerificationSettings.Check(configuration, roles, data));
        problems.AddRange(Api.Hosting.AdmissionOptions.Check(configuration));

        var sip = SwitchSettings.From(section, demo, problems);
        if (sip is { Enabled: false } && section["Roles"] is { Length: > 0 } && roles.Count < RoleCatalog.All.Count && roles.Contains(RoleCatalog.Switch))
            problems.Add("--role: the switch role needs --sip, the addresses to listen on (for example " + SwitchSettings.DemoAddress + ")");

        var adminPassword = section["AdminPassword"] is { Length: > 0 } pw ? pw : null;
        if (adminPassword is not null && Domain.Access.PasswordPolicy.Check(adminPassword, "admin") is { Count: > 0 } weak)
            problems.Add($"--admin-password: {string.Join(", ", weak)}");

        return problems.Count > 0
            ? (null, string.Join("; ", problems))
            : (new TollgateSettings(database!, urls, adminPassword, data, demo, roles, logFormat == "json", mail, sip), null);
    }
}
