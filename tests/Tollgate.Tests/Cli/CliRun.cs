using System.Text;
using System.Text.RegularExpressions;
using Tollgate.Cli;

namespace Tollgate.Tests.Cli;

/// <summary>Runs the <c>tollgate</c> command line in this process and captures what it prints.</summary>
internal sealed partial class CliRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SignalingWriter _output = new();
    private readonly StringWriter _error = new();

    private CliRun(string[] args) => Task = TollgateCli.RunAsync(args, _output, _error, ct: _stop.Token);

    public Task<int> Task { get; }
    public string Output => _output.ToString();
    public string Error => _error.ToString();

    /// <summary>Runs a command that is expected to end by itself.</summary>
    public static async Task<(int Code, string Output, string Error)> RunToEndAsync(params string[] args)
    {
        await using var run = new CliRun(args);
        var code = await run.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return (code, run.Output, run.Error);
    }

    /// <summary>Starts <c>tollgate up</c> and returns once it prints where it listens (or ends early).</summary>
    public static async Task<CliRun> UpAsync(params string[] args)
    {
        var run = new CliRun(["up", .. args]);
        var first = await System.Threading.Tasks.Task.WhenAny(run._output.Listening, run.Task).WaitAsync(TimeSpan.FromSeconds(120));
        if (first == run.Task) throw new InvalidOperationException($"tollgate up ended with {run.Task.Result}: {run.Error}");
        return run;
    }

    public Uri Address => new(ListeningLine().Match(Output).Groups[1].Value);

    public string? GeneratedPassword => PasswordLine().Match(Output) is { Success: true } m ? m.Groups[1].Value : null;

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Task.IsCompleted) await StopAsync();
        _stop.Dispose();
    }

    [GeneratedRegex(@"listening  (\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"created with password: (\S+)")]
    private static partial Regex PasswordLine();

    /// <summary>Captures output and completes <see cref="Listening"/> once the banner's address line was written.</summary>
    private sealed class SignalingWriter : StringWriter
    {
        private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Listening => _listening.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (this) base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (this) base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            lock (this) base.WriteLine(value);
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return System.Threading.Tasks.Task.CompletedTask;
        }

        public override Task FlushAsync()
        {
            if (ToString().Contains("Sign in:", StringComparison.Ordinal)) _listening.TrySetResult();
            return System.Threading.Tasks.Task.CompletedTask;
        }

        public override string ToString()
        {
            lock (this) return base.ToString();
        }
    }
}
