using System.Text.Json.Serialization;

namespace Cni.Tests.PluginHost;

[JsonSerializable(typeof(HostTestConfig))]
internal sealed partial class HostTestJson : JsonSerializerContext;
