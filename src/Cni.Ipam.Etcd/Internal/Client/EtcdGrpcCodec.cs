namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// etcd's messages (etcdserverpb's rpc.proto and mvccpb's kv.proto, etcd 3.4 and later) in protocol
/// buffers' wire format, written and read by hand for the members the store uses; fields it does not
/// use are skipped when read. Field numbers are the .proto files'.
/// </summary>
internal static class EtcdGrpcCodec
{
    public static ProtoWriter Range(EtcdRangeRequest request)
    {
        var writer = new ProtoWriter();
        writer.WriteBytes(1, request.Key);
        if (request.RangeEnd is { } end)
        {
            writer.WriteBytes(2, end);
        }

        if (request.Limit is { } limit)
        {
            writer.WriteInt64(3, limit);
        }

        writer.WriteBool(8, request.KeysOnly);
        return writer;
    }

    public static ProtoWriter Txn(EtcdTxnRequest request)
    {
        var writer = new ProtoWriter();
        foreach (var compare in request.Compare)
        {
            writer.WriteMessage(1, Compare(compare));
        }

        foreach (var op in request.Success)
        {
            writer.WriteMessage(2, RequestOp(op));
        }

        foreach (var op in request.Failure)
        {
            writer.WriteMessage(3, RequestOp(op));
        }

        return writer;
    }

    public static ProtoWriter Authenticate(EtcdAuthenticateRequest request)
    {
        var writer = new ProtoWriter();
        writer.WriteBytes(1, System.Text.Encoding.UTF8.GetBytes(request.Name));
        writer.WriteBytes(2, System.Text.Encoding.UTF8.GetBytes(request.Password));
        return writer;
    }

    public static ProtoWriter LeaseGrant(long ttlSeconds)
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, ttlSeconds);
        return writer;
    }

    /// <summary>LeaseKeepAliveRequest and LeaseRevokeRequest: the lease's id is their only field.</summary>
    public static ProtoWriter LeaseId(long id)
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, id);
        return writer;
    }

    /// <summary>
    /// A WatchRequest whose <c>create_request</c> watches <paramref name="key"/> up to <paramref name="rangeEnd"/>
    /// from <paramref name="startRevision"/> (0: from the next change).
    /// </summary>
    public static ProtoWriter WatchCreate(ReadOnlySpan<byte> key, ReadOnlySpan<byte> rangeEnd, long startRevision)
    {
        var create = new ProtoWriter();
        create.WriteBytes(1, key);
        create.WriteBytes(2, rangeEnd);
        if (startRevision != 0)
        {
            create.WriteInt64(3, startRevision);
        }

        var writer = new ProtoWriter();
        writer.WriteMessage(1, create);
        return writer;
    }

    /// <summary>LeaseGrantResponse, LeaseKeepAliveResponse, LeaseRevokeResponse (which has only the header).</summary>
    public static EtcdLeaseResponse ReadLease(ReadOnlySpan<byte> data)
    {
        var response = new EtcdLeaseResponse();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            switch (reader.Field)
            {
                case 1: response.Header = ReadHeader(reader.ReadBytes()); break;
                case 2: response.Id = reader.ReadInt64(); break;
                case 3: response.Ttl = reader.ReadInt64(); break;
                case 4: response.Error = System.Text.Encoding.UTF8.GetString(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }

        return response;
    }

    public static EtcdWatchResponse ReadWatch(ReadOnlySpan<byte> data)
    {
        var response = new EtcdWatchResponse();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            switch (reader.Field)
            {
                case 1: response.Header = ReadHeader(reader.ReadBytes()); break;
                case 2: response.WatchId = reader.ReadInt64(); break;
                case 3: response.Created = reader.ReadBool(); break;
                case 4: response.Canceled = reader.ReadBool(); break;
                case 5: response.CompactRevision = reader.ReadInt64(); break;
                case 6: response.CancelReason = System.Text.Encoding.UTF8.GetString(reader.ReadBytes()); break;
                case 11: (response.Events ??= []).Add(ReadEvent(reader.ReadBytes())); break;
                default: reader.Skip(); break;
            }
        }

        return response;
    }

    public static EtcdRangeResponse ReadRange(ReadOnlySpan<byte> data)
    {
        var response = new EtcdRangeResponse();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            switch (reader.Field)
            {
                case 1: response.Header = ReadHeader(reader.ReadBytes()); break;
                case 2: (response.Kvs ??= []).Add(ReadKeyValue(reader.ReadBytes())); break;
                case 3: response.More = reader.ReadBool(); break;
                case 4: response.Count = reader.ReadInt64(); break;
                default: reader.Skip(); break;
            }
        }

        return response;
    }

    public static EtcdTxnResponse ReadTxn(ReadOnlySpan<byte> data)
    {
        var response = new EtcdTxnResponse();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            switch (reader.Field)
            {
                case 1: response.Header = ReadHeader(reader.ReadBytes()); break;
                case 2: response.Succeeded = reader.ReadBool(); break;
                case 3: (response.Responses ??= []).Add(ReadResponseOp(reader.ReadBytes())); break;
                default: reader.Skip(); break;
            }
        }

        return response;
    }

    public static EtcdAuthenticateResponse ReadAuthenticate(ReadOnlySpan<byte> data)
    {
        var response = new EtcdAuthenticateResponse();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            if (reader.Field == 2)
            {
                response.Token = System.Text.Encoding.UTF8.GetString(reader.ReadBytes());
            }
            else
            {
                reader.Skip();
            }
        }

        return response;
    }

    private static ProtoWriter Compare(EtcdCompare compare)
    {
        // etcd's CompareResult EQUAL: every condition here is an equality.
        const long EqualResult = 0;
        var writer = new ProtoWriter();
        writer.WriteInt64(1, EqualResult);
        writer.WriteInt64(2, (long)compare.Target);
        writer.WriteBytes(3, compare.Key);

        // The compared value is a oneof: written even when zero, so etcd sees which member is set.
        if (compare.Target == EtcdCompareTarget.Create)
        {
            writer.WriteInt64(5, compare.CreateRevision);
        }
        else
        {
            writer.WriteBytes(7, compare.Value);
        }

        return writer;
    }

    private static ProtoWriter RequestOp(EtcdRequestOp op)
    {
        var writer = new ProtoWriter();
        if (op.RequestRange is { } range)
        {
            writer.WriteMessage(1, Range(range));
        }
        else if (op.RequestPut is { } put)
        {
            var message = new ProtoWriter();
            message.WriteBytes(1, put.Key);
            message.WriteBytes(2, put.Value);
            if (put.Lease != 0)
            {
                message.WriteInt64(3, put.Lease);
            }

            writer.WriteMessage(2, message);
        }
        else if (op.RequestDeleteRange is { } delete)
        {
            var message = new ProtoWriter();
            message.WriteBytes(1, delete.Key);
            if (delete.RangeEnd is { } end)
            {
                message.WriteBytes(2, end);
            }

            writer.WriteMessage(3, message);
        }

        return writer;
    }

    private static EtcdResponseHeader ReadHeader(ReadOnlySpan<byte> data)
    {
        var header = new EtcdResponseHeader();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            if (reader.Field == 3)
            {
                header.Revision = reader.ReadInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        return header;
    }

    private static EtcdKeyValue ReadKeyValue(ReadOnlySpan<byte> data)
    {
        var kv = new EtcdKeyValue();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            switch (reader.Field)
            {
                case 1: kv.Key = reader.ReadBytes().ToArray(); break;
                case 2: kv.CreateRevision = reader.ReadInt64(); break;
                case 3: kv.ModRevision = reader.ReadInt64(); break;
                case 4: kv.Version = reader.ReadInt64(); break;
                case 5: kv.Value = reader.ReadBytes().ToArray(); break;
                case 6: kv.Lease = reader.ReadInt64(); break;
                default: reader.Skip(); break;
            }
        }

        return kv;
    }

    private static EtcdWatchEvent ReadEvent(ReadOnlySpan<byte> data)
    {
        var watchEvent = new EtcdWatchEvent();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            switch (reader.Field)
            {
                case 1: watchEvent.Type = (EtcdWatchEventType)reader.ReadInt64(); break;
                case 2: watchEvent.Kv = ReadKeyValue(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }

        return watchEvent;
    }

    private static EtcdResponseOp ReadResponseOp(ReadOnlySpan<byte> data)
    {
        var op = new EtcdResponseOp();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            switch (reader.Field)
            {
                case 1: op.ResponseRange = ReadRange(reader.ReadBytes()); break;
                case 3: op.ResponseDeleteRange = ReadDeleteRange(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }

        return op;
    }

    private static EtcdDeleteRangeResponse ReadDeleteRange(ReadOnlySpan<byte> data)
    {
        var response = new EtcdDeleteRangeResponse();
        var reader = new ProtoReader(data);
        while (reader.TryRead())
        {
            if (reader.Field == 2)
            {
                response.Deleted = reader.ReadInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        return response;
    }
}
