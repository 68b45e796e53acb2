namespace Cni;

/// <summary>
/// Asks Cni.Spec's source generator to write a reader for this class's configuration keys: the properties
/// it declares with <see cref="System.Text.Json.Serialization.JsonPropertyNameAttribute"/>, the one place a
/// key is named. The reader walks the parsed configuration once, with no System.Text.Json metadata to build
/// at start-up, and reads as <see cref="ConfigObject"/> and <see cref="ConfigValue"/> do: unknown keys are
/// ignored, the last of two matching keys wins, <c>null</c> puts a member back to its declared default (an
/// error for a <see cref="bool"/> or <see cref="int"/>), and a value of the wrong JSON type fails with code 6
/// naming the key. The class must be <c>partial</c> and have a parameterless constructor; it gets
/// <c>internal static T Read(JsonElement json)</c> and <c>Read(ConfigObject keys)</c>, so a plugin starts with
/// <c>CniPlugin.CreateBuilder(MyConfig.Read)</c>.
/// </summary>
/// <remarks>
/// A property's type may be <see cref="string"/>, <see cref="bool"/>, <see cref="int"/> (or their nullable
/// forms), <see cref="System.Text.Json.JsonElement"/>, a dictionary of booleans, another class with this
/// attribute, an array or list of any of these, or a type with a static <c>ReadConfigValue(ConfigValue)</c>
/// method that reads it. Anything else is a compile-time error (CNICFG001). On a class derived from
/// <see cref="NetworkConfig"/> only the plugin's own keys are generated; the host reads the standard keys after them.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GenerateConfigReaderAttribute : Attribute
{
    /// <summary>
    /// Match keys in any case, as Go's encoding/json does (host-local's <c>ipam</c> object); by default keys
    /// match exactly, as System.Text.Json does and the standard keys are read.
    /// </summary>
    public bool KeysIgnoreCase { get; set; }
}
