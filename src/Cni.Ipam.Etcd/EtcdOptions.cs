using System.Text.Json.Serialization;
using Cni.Ipam.Etcd.Internal.Config;

namespace Cni.Ipam.Etcd;

/// <summary>
/// Where and how the etcd store reaches etcd: the <c>etcd</c> section of the <c>ipam</c> configuration,
/// for example <c>{"endpoints": ["http://127.0.0.1:2379"], "prefix": "/cni/ipam"}</c>.
/// </summary>
public sealed class EtcdOptions
{
    /// <summary>The default <see cref="Prefix"/>.</summary>
    public const string DefaultPrefix = "/cni/ipam";

    /// <summary>
    /// The members to talk to (<c>http://</c> or <c>https://</c>, host and client port). Tried in order;
    /// after a failure the next one is used and stays in use while it answers.
    /// </summary>
    [JsonPropertyName("endpoints")]
    public IList<Uri> Endpoints { get; set; } = [];

    /// <summary>The key prefix under which every network's keys live (docs/ipam.md, "etcd key layout").</summary>
    [JsonPropertyName("prefix")]
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>The etcd user, when etcd has authentication enabled.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>.</summary>
    [JsonPropertyName("password")]
    public string? Password { get; set; }

    /// <summary>
    /// How long one store operation may take, across every endpoint and retry, before it fails with
    /// spec code 11 (try again later). JSON: a duration such as <c>"5s"</c> or <c>"1500ms"</c>. Default 5 seconds.
    /// </summary>
    [JsonPropertyName("timeout")]
    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A PEM file of the certificate authorities that sign the members' certificates; the system's when unset.</summary>
    [JsonPropertyName("caFile")]
    public string? CaFile { get; set; }

    /// <summary>A PEM client certificate, for etcd's client-certificate authentication.</summary>
    [JsonPropertyName("certFile")]
    public string? CertFile { get; set; }

    /// <summary>The PEM private key of <see cref="CertFile"/>.</summary>
    [JsonPropertyName("keyFile")]
    public string? KeyFile { get; set; }

    /// <summary>Accept any server certificate. For tests only: it gives up the protection TLS exists for.</summary>
    [JsonPropertyName("insecureSkipTlsVerify")]
    public bool InsecureSkipTlsVerify { get; set; }
}
