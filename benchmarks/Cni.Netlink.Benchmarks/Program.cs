using Cni.Netlink.Benchmarks.Nlbench;

// Two ways to time Cni.Netlink, one project:
//   nlbench [N] [case...]   the cases of nlbench-go in its output format, published NativeAOT and run
//                           in a fresh namespace by eng/nlbench.sh (docs/netlink.md)
//   anything else           BenchmarkDotNet (root; each class makes and deletes its own cnit- namespace):
//     dotnet run -c Release --project benchmarks/Cni.Netlink.Benchmarks -- --filter '*' --job short
if (args.Length > 0 && args[0] == "nlbench")
{
    NlbenchCases.Run(args[1..]);
    return 0;
}

#if NLBENCH_ONLY
Console.Error.WriteLine("this build holds only the nlbench cases: Cni.Netlink.Benchmarks nlbench [N] [case...]");
return 2;
#else
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
#endif
