using System.Buffers;
using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Cni;

namespace Cni.Benchmarks;

/// <summary>
/// A typical bridge ADD result (bridge, host veth, container eth0; an IPv4 and an IPv6 address;
/// two routes; DNS) written to a reused buffer and read back.
/// Run: dotnet run -c Release --project benchmarks/Cni.Spec.Benchmarks -- --filter '*ResultWrite*' --job short
/// </summary>
[MemoryDiagnoser]
public class ResultWriteBenchmarks : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private CniResult _result = null!;
    private Utf8JsonWriter _writer = null!;
    private byte[] _json100 = [];
    private byte[] _json040 = [];

    [GlobalSetup]
    public void Setup()
    {
        _result = new CniResult { Dns = new CniDns { Nameservers = ["10.96.0.10"], Search = ["default.svc.cluster.local", "svc.cluster.local"], Options = ["ndots:5"] } };
        _result.Interfaces.Add(new CniInterface { Name = "cni0", Mac = "0a:58:0a:f4:00:01" });
        _result.Interfaces.Add(new CniInterface { Name = "veth6f1c2a3b", Mac = "6e:3d:21:4c:5f:01" });
        _result.Interfaces.Add(new CniInterface { Name = "eth0", Mac = "0a:58:0a:f4:00:05", Sandbox = "/var/run/netns/cni-5c8b2f1e-4a2d-9f3e-1b7c-2d4e6f8a0b1c" });
        _result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.244.0.5/24"), Gateway = IPAddress.Parse("10.244.0.1"), Interface = 2 });
        _result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("fd00:10:244::5/64"), Gateway = IPAddress.Parse("fd00:10:244::1"), Interface = 2 });
        _result.Routes.Add(new CniRoute { Destination = IPCidr.Parse("0.0.0.0/0") });
        _result.Routes.Add(new CniRoute { Destination = IPCidr.Parse("::/0") });
        _writer = new Utf8JsonWriter(_buffer, CniResult.WriterOptions);
        _json100 = _result.ToUtf8Json(CniVersion.V100);
        _json040 = _result.ToUtf8Json(CniVersion.V040);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int Write100() => Write(CniVersion.V100);

    [Benchmark]
    public int Write040() => Write(CniVersion.V040);

    [Benchmark]
    public CniResult Parse100() => CniResult.Parse(_json100);

    [Benchmark]
    public CniResult Parse040() => CniResult.Parse(_json040);

    private int Write(CniVersion version)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        _result.WriteTo(_writer, version);
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}
