// The tests exec Linux binaries in network namespaces: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
