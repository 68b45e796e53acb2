namespace Cni.Tool.Conform;

/// <summary>How <c>conform</c> prints its results.</summary>
internal enum OutputFormat
{
    /// <summary>A text table, one row per check as it completes.</summary>
    Table,

    /// <summary>One JSON object at the end.</summary>
    Json,

    /// <summary>A markdown table at the end.</summary>
    Markdown,
}
