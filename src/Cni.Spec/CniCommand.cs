namespace Cni;

/// <summary>The operations a runtime asks a plugin for (CNI_COMMAND), other than VERSION, which the host answers.</summary>
public enum CniCommand
{
    /// <summary>ADD: attach the container to the network and return a result.</summary>
    Add,

    /// <summary>DEL: release what ADD made; must succeed when it is already gone.</summary>
    Del,

    /// <summary>CHECK: verify that what ADD made (given as <c>prevResult</c>) is still in place (0.4.0 and later).</summary>
    Check,

    /// <summary>GC: release resources of every attachment not in <c>cni.dev/valid-attachments</c> (1.1.0 and later).</summary>
    Gc,

    /// <summary>STATUS: report whether the plugin is ready to serve ADD (1.1.0 and later).</summary>
    Status,
}
