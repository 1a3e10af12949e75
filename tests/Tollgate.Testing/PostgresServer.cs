using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tollgate.Testing;

/// <summary>A real, throwaway PostgreSQL server for the tests of this process: its own cluster in a temp folder, on a loopback port.</summary>
/// <remarks>
/// <para>
/// Started on first use and stopped when the test process exits. When <c>TOLLGATE_TEST_PG</c> holds a connection
/// string, that server is used instead (for a developer's own server). Each test class gets its own database.
/// </para>
/// <para>
/// PostgreSQL refuses to run as root, so when the tests run as root the cluster is created and run as the
/// <c>postgres</c> user that Debian's package creates. A missing server is a test failure with the fix in its message,
/// never a skipped test: the README's test command installs it.
/// </para>
/// </remarks>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);
    private static Process? _process;
    private static string? _directory;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "tollgate_test")
    {
        var admin = await Server.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("TOLLGATE_TEST_PG") is { Length: > 0 } given) return given;

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, postgres) were not found. Run the README's test command (./test.sh), " +
            "which installs them, or 'apt-get install -y postgresql'.");
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        _directory = Path.Combine(Path.GetTempPath(), $"tollgate-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(_directory);
        if (runAs is not null) await RunAsync("chown", $"{runAs} {_directory}", null);

        var data = Path.Combine(_directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync", runAs);
        var port = FreePort();
        var start = new ProcessStartInfo(runAs is null ? "/bin/bash" : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null) foreach (var a in new[] { "-u", runAs, "--", "/bin/bash" }) start.ArgumentList.Add(a);
        // The server must not inherit this process's descriptors: a test run wrapped in `flock` would hand it the
        // lock, and a server process outliving the run would then hold the lock for everyone, forever.
        foreach (var a in new[] { "-c", CloseInheritedThenExec, Path.Combine(bin, "postgres") }) start.ArgumentList.Add(a);
        foreach (var a in new[]
                 {
                     "-D", data, "-k", _directory, "-h", "127.0.0.1", "-p", port.ToString(),
                     "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                     "-c", "max_connections=400", "-c", "shared_buffers=128MB",
                 })
            start.ArgumentList.Add(a);
        // The server says when it is ready; wait for that line (or its exit), not for time to pass.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            log.Enqueue(e.Data);
            if (e.Data.Contains("ready to accept connections", StringComparison.Ordinal)) ready.TrySetResult();
        };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"PostgreSQL exited at start: {string.Join(Environment.NewLine, log)}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=15";
    }

    // bash -c SCRIPT PROGRAM ARGS…: closes every descriptor above stderr, then becomes PROGRAM.
    private const string CloseInheritedThenExec =
        "for fd in $(ls /proc/$$/fd); do if [ \"$fd\" -gt 2 ]; then eval \"exec $fd>&-\"; fi; done; exec \"$0\" \"$@\"";

    private static string? FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        foreach (var dir in versions.OrderByDescending(d => d, StringComparer.Ordinal))
        {
            var bin = Path.Combine(dir, "bin");
            if (File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres"))) return bin;
        }
        return null;
    }

    private static void Stop()
    {
        try
        {
            if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
            _process?.WaitForExit(5000);
            if (_directory is not null) Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Best effort: the folder is in the temp directory.
        }
    }

    private static async Task RunAsync(string file, string arguments, string? runAs)
    {
        var info = runAs is null
            ? new ProcessStartInfo(file, arguments)
            : new ProcessStartInfo("runuser", $"-u {runAs} -- {file} {arguments}");
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {await stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
