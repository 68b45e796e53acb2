namespace Cni.Tests.Observability;

/// <summary>A command scope for the tests: runs an action when the host stops it.</summary>
internal sealed class DisposeAction(Action action) : IDisposable
{
    public void Dispose() => action();
}
