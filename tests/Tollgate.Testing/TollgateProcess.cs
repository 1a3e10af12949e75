using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tollgate.Testing;

/// <summary>The real <c>tollgate up</c> in a child process, as benchmarks measure it, with a JSON client for its API.</summary>
/// <remarks>Its output is read and dropped, so it never blocks on a full pipe. Disposing kills the process.</remarks>
public sealed class TollgateProcess : IAsyncDisposable
{
    private TollgateProcess(Process process, HttpClient http) => (Process, Http) = (process, http);

    public Process Process { get; }

    public HttpClient Http { get; }

    /// <summary>Starts <c>tollgate</c> (the executable beside the calling program) with <paramref name="arguments"/> and waits until <c>/livez</c> answers.</summary>
    /// <param name="log">A file to copy the process's output to; null drops it.</param>
    public static async Task<TollgateProcess> StartAsync(Uri baseAddress, IEnumerable<string> arguments, int maxConnections = 256, string? log = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "tollgate")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        if (log is null)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
        }
        else
        {
            var file = new StreamWriter(log) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { lock (file) file.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (file) file.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var running = new TollgateProcess(process, http);
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"tollgate exited with {process.ExitCode}.");
            try
            {
                if ((await http.GetAsync("/livez")).IsSuccessStatusCode) return running;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await running.DisposeAsync();
        throw new TimeoutException("tollgate did not answer /livez within 60 s.");
    }

    public async Task<string> SignInAsync(string realm, string login, string password)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/login", new { realm, login, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Sends a request as <paramref name="token"/>; a failure status throws with the answer's text.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
        Http.Dispose();
    }
}
