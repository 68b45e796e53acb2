using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/Cni.Spec.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
