using System.Text.Json.Serialization;

namespace Cni.Tests.Config;

/// <summary>The test project's own context, as a plugin defines one: the base class's members must come along.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(BridgeTestConfig))]
[JsonSerializable(typeof(HostLocalTestIpam))]
[JsonSerializable(typeof(GeneratedTestConfig))]
internal sealed partial class TestConfigJson : JsonSerializerContext;
