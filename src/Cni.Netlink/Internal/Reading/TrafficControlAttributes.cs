using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Reading;

/// <summary>What qdisc and filter messages share: struct tcmsg, then TCA_KIND, TCA_OPTIONS and TCA_STATS2.</summary>
internal readonly ref struct TrafficControlAttributes
{
    public tcmsg Header { get; private init; }

    /// <summary>TCA_KIND without its NUL.</summary>
    public ReadOnlySpan<byte> Kind { get; private init; }

    /// <summary>TCA_OPTIONS' value: the kind's own attributes.</summary>
    public ReadOnlySpan<byte> Options { get; private init; }

    /// <summary>TCA_STATS2's value: TCA_STATS_* attributes.</summary>
    public ReadOnlySpan<byte> Stats { get; private init; }

    public static TrafficControlAttributes Parse(ReadOnlySpan<byte> payload)
    {
        var attributes = NetlinkAttributeEnumerator.AfterHeader(payload, out tcmsg header);
        ReadOnlySpan<byte> kind = default, options = default, stats = default;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case Tca.Kind:
                    kind = attribute.GetStringUtf8();
                    break;
                case Tca.Options:
                    options = attribute.Value;
                    break;
                case Tca.Stats2:
                    stats = attribute.Value;
                    break;
            }
        }

        return new TrafficControlAttributes { Header = header, Kind = kind, Options = options, Stats = stats };
    }
}
