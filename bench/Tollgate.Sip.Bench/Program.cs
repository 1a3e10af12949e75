using BenchmarkDotNet.Running;
using Tollgate.Sip.Bench;

// "footprint [calls]" measures retained dialog memory; "uas [port]" runs a load-test UAS for sipp;
// anything else goes to BenchmarkDotNet (for example --filter *).
switch (args.FirstOrDefault())
{
    case "footprint":
        DialogFootprint.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
        break;
    case "uas":
        await LoadTestUas.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5080);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(MessageBenchmarks).Assembly).Run(args);
        break;
}
