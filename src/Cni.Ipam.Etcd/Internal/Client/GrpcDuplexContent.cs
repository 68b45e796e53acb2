using System.Net;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// The request side of a bidirectional gRPC stream that sends one message and then stays open: over HTTP/2,
/// <see cref="HttpClient"/> returns the response once its headers arrive while this body is still being sent,
/// so the answer streams in while the request has not ended (closing it would end etcd's side of a watch).
/// </summary>
internal sealed class GrpcDuplexContent : HttpContent
{
    private readonly byte[] _frame;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrpcDuplexContent(byte[] frame)
    {
        _frame = frame;
        Headers.ContentType = EtcdClient.s_grpcContentType;
    }

    /// <summary>Ends the request side.</summary>
    public void Finish() => _finished.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _finished.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        Finish();
        base.Dispose(disposing);
    }
}
