using Tollgate.Api.Hosting;
using Tollgate.Hosting;

namespace Tollgate.Cli;

/// <summary>What <c>tollgate up</c> prints once it listens: where, with what, and how to sign in.</summary>
internal static class Banner
{
    public static async Task WriteAsync(TextWriter output, TollgateSettings settings, IReadOnlyList<string> addresses,
        bool adminCreated, string? generatedPassword, DemoData? demo, string mail, IReadOnlyList<string>? sip)
    {
        var first = addresses.FirstOrDefault() ?? settings.Urls[0];
        await output.WriteLineAsync($"Tollgate {typeof(Banner).Assembly.GetName().Version?.ToString(3)} is up.");
        await output.WriteLineAsync($"  roles      {string.Join(", ", settings.Roles.Order())}");
        await output.WriteLineAsync($"  database   {settings.Database.Describe()}");
        await output.WriteLineAsync($"  data       {settings.DataDirectory}");
        await output.WriteLineAsync($"  mail       {mail}");
        foreach (var address in addresses) await output.WriteLineAsync($"  listening  {address}");
        await output.WriteLineAsync($"  API docs   {first}/docs   (OpenAPI: {first}/openapi/v1.json)");
        if (settings.Roles.Contains(RoleCatalog.Switch))
        {
            await output.WriteLineAsync(sip is { Count: > 0 }
                ? $"  sip        {string.Join(", ", sip)}{(settings.Switch.DemoDefault ? "   (the demo's default; choose with --sip)" : "")}"
                : $"  sip        off (give --sip {SwitchSettings.DemoAddress} to run the switch)");
        }
        if (generatedPassword is not null)
        {
            await output.WriteLineAsync("");
            await output.WriteLineAsync($"  Administrator '{Bootstrap.FirstAdministrator}' was created with password: {generatedPassword}");
            await output.WriteLineAsync("  It is shown only this once; change it with PATCH /api/v1/administrators/{id}.");
        }
        else if (adminCreated)
        {
            await output.WriteLineAsync($"  Administrator '{Bootstrap.FirstAdministrator}' was created with the password you gave.");
        }
        await output.WriteLineAsync("");
        await output.WriteLineAsync("  Sign in:");
        await output.WriteLineAsync($"    curl -s -X POST {first}/api/v1/auth/login -H 'Content-Type: application/json' \\");
        await output.WriteLineAsync($"         -d '{{\"realm\":\"admin\",\"login\":\"{Bootstrap.FirstAdministrator}\",\"password\":\"…\"}}'");
        await output.WriteLineAsync("    then send the accessToken as 'Authorization: Bearer …'.");
        if (demo is not null)
        {
            await output.WriteLineAsync("");
            await output.WriteLineAsync("  Demonstration data was created. Sign in as (realm, login / password):");
            foreach (var note in demo.Notes) await output.WriteLineAsync($"    {note}");
        }
        await output.FlushAsync();
    }
}
