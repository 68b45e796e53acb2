// CNI plugins run on Linux; the tests write executable files and exec them (Unix file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
