namespace Cni.Internal.Runtime;

/// <summary>One entry of the result cache: the attachment as the runtime described it, and the result JSON.</summary>
internal sealed record CachedAttachment(CniAttachmentRequest Attachment, string NetworkName, byte[] Result);
