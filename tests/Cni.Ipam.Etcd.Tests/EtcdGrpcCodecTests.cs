using System.Text;
using Cni.Ipam.Etcd.Internal.Client;
using CsCheck;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>
/// The etcd store's protobuf messages, written and read by hand (<see cref="EtcdGrpcCodec"/>): answers read
/// back as written, unknown fields skipped, malformed input refused with <see cref="InvalidDataException"/> only.
/// The messages' meaning is checked against a real etcd by the other tests of this project.
/// </summary>
public sealed class EtcdGrpcCodecTests
{
    private static readonly Gen<byte[]> s_bytes = Gen.Byte.Array[0, 40];
    private static readonly Gen<long> s_revision = Gen.Long[0, long.MaxValue];

    private static readonly Gen<EtcdKeyValue> s_kv = Gen.Select(Gen.Byte.Array[1, 40], Gen.Null(Gen.Byte.Array[1, 40]), s_revision, s_revision, s_revision, s_revision,
        (key, value, created, modified, version, lease) => new EtcdKeyValue { Key = key, Value = value, CreateRevision = created, ModRevision = modified, Version = version, Lease = lease });

    [Fact]
    public void A_range_answer_reads_back_as_written_with_unknown_fields_skipped()
    {
        Gen.Select(s_kv.List[0, 5], Gen.Bool, s_revision, s_revision).Sample((kvs, more, count, revision) =>
        {
            var message = new ProtoWriter();
            message.WriteMessage(1, Header(revision));
            foreach (var kv in kvs)
            {
                message.WriteMessage(2, KeyValue(kv));
            }

            message.WriteBool(3, more);
            message.WriteInt64(4, count);
            message.WriteBytes(99, "ignored"u8);

            var read = EtcdGrpcCodec.ReadRange(message.WrittenSpan);

            Assert.Equal(revision, read.Header!.Revision);
            Assert.Equal((more, count), (read.More, read.Count));
            Assert.Equal(Describe(kvs), Describe(read.Kvs ?? []));
        });
    }

    [Fact]
    public void A_txn_answer_reads_the_branch_and_each_operations_result_in_order()
    {
        var range = new ProtoWriter();
        range.WriteMessage(2, KeyValue(new EtcdKeyValue { Key = "k"u8.ToArray(), Value = "v"u8.ToArray(), CreateRevision = 5 }));
        var deleted = new ProtoWriter();
        deleted.WriteInt64(2, 1);
        var put = new ProtoWriter();
        put.WriteMessage(1, Header(7));
        var message = new ProtoWriter();
        message.WriteBool(2, true);
        message.WriteMessage(3, Op(1, range));
        message.WriteMessage(3, Op(2, put));
        message.WriteMessage(3, Op(3, deleted));

        var read = EtcdGrpcCodec.ReadTxn(message.WrittenSpan);

        Assert.True(read.Succeeded);
        Assert.Equal(3, read.Responses!.Count);
        var kv = Assert.Single(read.Responses[0].ResponseRange!.Kvs!);
        Assert.Equal(("k", "v", 5L), (Encoding.UTF8.GetString(kv.Key), Encoding.UTF8.GetString(kv.Value!), kv.CreateRevision));
        Assert.Null(read.Responses[1].ResponseRange);
        Assert.Equal(1, read.Responses[2].ResponseDeleteRange!.Deleted);
    }

    [Fact]
    public void Malformed_answers_throw_InvalidDataException_and_nothing_else()
    {
        var message = new ProtoWriter();
        message.WriteMessage(1, Header(12));
        message.WriteMessage(2, KeyValue(new EtcdKeyValue { Key = "/cni/ipam/n/ips/010.000.000.002"u8.ToArray(), Value = "c1\r\neth0"u8.ToArray(), CreateRevision = 300 }));
        var valid = message.WrittenSpan.ToArray();
        for (var length = 0; length < valid.Length; length++)
        {
            ReadsOrRefuses(valid.AsSpan(0, length).ToArray());
        }

        s_bytes.Sample(ReadsOrRefuses);
    }

    [Fact]
    public void A_compare_on_absence_writes_its_zero_revision_so_etcd_sees_which_value_is_compared()
    {
        var request = new EtcdTxnRequest { Compare = [EtcdCompare.Absent("/k"u8.ToArray())] };
        var txn = new ProtoReader(EtcdGrpcCodec.Txn(request).WrittenSpan);
        Assert.True(txn.TryRead());
        Assert.Equal(1, txn.Field);
        var compare = new ProtoReader(txn.ReadBytes());
        var fields = new List<string>();
        while (compare.TryRead())
        {
            fields.Add(compare.WireType == ProtoReader.VarintType
                ? $"{compare.Field}:{compare.ReadInt64()}"
                : $"{compare.Field}:{Encoding.UTF8.GetString(compare.ReadBytes())}");
        }

        // result EQUAL (0), target CREATE (1), the key, create_revision 0.
        Assert.Equal(["1:0", "2:1", "3:/k", "5:0"], fields);
        Assert.False(txn.TryRead());
    }

    [Fact]
    public void A_watch_answer_reads_its_events_in_order_with_unknown_fields_skipped()
    {
        Gen.Select(s_kv.List[0, 5], Gen.Bool.List[5], s_revision, s_revision).Sample((kvs, deletes, revision, compacted) =>
        {
            var message = new ProtoWriter();
            message.WriteMessage(1, Header(revision));
            message.WriteInt64(2, 7);
            message.WriteBool(3, true);
            message.WriteInt64(5, compacted);
            message.WriteBytes(6, "reason"u8);
            for (var i = 0; i < kvs.Count; i++)
            {
                var change = new ProtoWriter();
                change.WriteInt64(1, deletes[i] ? 1 : 0);
                change.WriteMessage(2, KeyValue(kvs[i]));
                change.WriteBytes(99, "ignored"u8);
                message.WriteMessage(11, change);
            }

            message.WriteBytes(99, "ignored"u8);

            var read = EtcdGrpcCodec.ReadWatch(message.WrittenSpan);

            Assert.Equal((revision, 7L, true, false, compacted, "reason"), (read.Header!.Revision, read.WatchId, read.Created, read.Canceled, read.CompactRevision, read.CancelReason));
            Assert.Equal(Describe(kvs), Describe((read.Events ?? []).Select(e => e.Kv)));
            Assert.Equal(deletes.Take(kvs.Count).Select(d => d ? EtcdWatchEventType.Delete : EtcdWatchEventType.Put), (read.Events ?? []).Select(e => e.Type));
        });
    }

    [Fact]
    public void A_lease_answer_reads_its_id_and_TTL_and_a_put_writes_its_lease()
    {
        var message = new ProtoWriter();
        message.WriteMessage(1, Header(9));
        message.WriteInt64(2, 0x694d7a0b1c2d3e4f);
        message.WriteInt64(3, 12);

        var lease = EtcdGrpcCodec.ReadLease(message.WrittenSpan);
        var put = new ProtoReader(EtcdGrpcCodec.Txn(new EtcdTxnRequest { Success = [EtcdRequestOp.Put("/k"u8.ToArray(), "v"u8.ToArray(), 0x694d7a0b1c2d3e4f)] }).WrittenSpan);
        Assert.True(put.TryRead());
        var op = new ProtoReader(put.ReadBytes());
        Assert.True(op.TryRead());
        var request = new ProtoReader(op.ReadBytes());
        var fields = new List<string>();
        while (request.TryRead())
        {
            fields.Add(request.WireType == ProtoReader.VarintType ? $"{request.Field}:{request.ReadInt64():x}" : $"{request.Field}:{Encoding.UTF8.GetString(request.ReadBytes())}");
        }

        Assert.Equal((9L, 0x694d7a0b1c2d3e4fL, 12L), (lease.Header!.Revision, lease.Id, lease.Ttl));
        // key, value, lease (PutRequest's fields 1, 2 and 3).
        Assert.Equal(["1:/k", "2:v", "3:694d7a0b1c2d3e4f"], fields);
    }

    [Fact]
    public void A_watch_create_request_nests_the_range_and_start_revision_in_create_request()
    {
        var outer = new ProtoReader(EtcdGrpcCodec.WatchCreate("/p/"u8, "/p0"u8, 42).WrittenSpan);
        Assert.True(outer.TryRead());
        Assert.Equal(1, outer.Field);
        var create = new ProtoReader(outer.ReadBytes());
        var fields = new List<string>();
        while (create.TryRead())
        {
            fields.Add(create.WireType == ProtoReader.VarintType ? $"{create.Field}:{create.ReadInt64()}" : $"{create.Field}:{Encoding.UTF8.GetString(create.ReadBytes())}");
        }

        // WatchCreateRequest: key 1, range_end 2, start_revision 3.
        Assert.Equal(["1:/p/", "2:/p0", "3:42"], fields);
        Assert.False(outer.TryRead());
    }

    private static void ReadsOrRefuses(byte[] data)
    {
        ReadsOrRefuses(() => EtcdGrpcCodec.ReadRange(data));
        ReadsOrRefuses(() => EtcdGrpcCodec.ReadTxn(data));
        ReadsOrRefuses(() => EtcdGrpcCodec.ReadWatch(data));
        ReadsOrRefuses(() => EtcdGrpcCodec.ReadLease(data));
    }

    // Any other exception fails the test.
    private static void ReadsOrRefuses(Action read)
    {
        try
        {
            read();
        }
        catch (InvalidDataException)
        {
        }
    }

    private static ProtoWriter Header(long revision)
    {
        var header = new ProtoWriter();
        header.WriteInt64(1, 42);
        header.WriteInt64(3, revision);
        return header;
    }

    private static ProtoWriter KeyValue(EtcdKeyValue kv)
    {
        var writer = new ProtoWriter();
        writer.WriteBytes(1, kv.Key);
        writer.WriteInt64(2, kv.CreateRevision);
        writer.WriteInt64(3, kv.ModRevision);
        writer.WriteInt64(4, kv.Version);
        if (kv.Value is { } value)
        {
            writer.WriteBytes(5, value);
        }

        writer.WriteInt64(6, kv.Lease);
        return writer;
    }

    private static ProtoWriter Op(int field, ProtoWriter response)
    {
        var op = new ProtoWriter();
        op.WriteMessage(field, response);
        return op;
    }

    private static string[] Describe(IEnumerable<EtcdKeyValue> kvs)
        => [.. kvs.Select(kv => $"{Convert.ToHexString(kv.Key)}={(kv.Value is null ? "-" : Convert.ToHexString(kv.Value))}@{kv.CreateRevision}/{kv.ModRevision}/{kv.Version} lease {kv.Lease}")];
}
