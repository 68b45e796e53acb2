using Cni.Testing;

[assembly: AssemblyFixture(typeof(Cni.OpenTelemetry.Tests.ReceiverFixture))]

namespace Cni.OpenTelemetry.Tests;

/// <summary>One real OTLP receiver for every test of the assembly (it takes seconds to start); each test reads back its own trace IDs.</summary>
public sealed class ReceiverFixture : IDisposable
{
    public OtlpReceiver Receiver { get; } = OtlpReceiver.Start();

    public void Dispose() => Receiver.Dispose();
}
