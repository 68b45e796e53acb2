namespace Cni.Tool.Conform;

/// <summary>How a conformance check came out.</summary>
internal enum CheckStatus
{
    /// <summary>The plugin did what the spec asks.</summary>
    Pass,

    /// <summary>It did not; the reason says what it did instead.</summary>
    Fail,

    /// <summary>The check does not apply (for example GC for a config below cniVersion 1.1.0).</summary>
    Skip,
}
