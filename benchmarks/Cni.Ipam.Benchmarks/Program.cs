using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/Cni.Ipam.Benchmarks -- --filter '*'
// Quick:   dotnet run -c Release --project benchmarks/Cni.Ipam.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
