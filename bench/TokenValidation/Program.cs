using BenchmarkDotNet.Running;
using Tollgate.Bench.TokenValidation;

// Everything goes to BenchmarkDotNet (for example --filter '*'); bench/TokenValidation/run.sh measures requests per second.
BenchmarkSwitcher.FromAssembly(typeof(ValidatorBenchmarks).Assembly).Run(args);
