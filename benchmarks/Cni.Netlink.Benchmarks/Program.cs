using BenchmarkDotNet.Running;

// Run all (root; each class makes and deletes its own cnit- namespace):
//   dotnet run -c Release --project benchmarks/Cni.Netlink.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
