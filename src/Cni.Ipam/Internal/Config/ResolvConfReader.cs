namespace Cni.Ipam.Internal.Config;

/// <summary>
/// Reads a resolv.conf-format file as host-local does: <c>nameserver</c> lines add a server, <c>domain</c>
/// sets the domain (the last one wins), <c>search</c> and <c>options</c> add their words; comments
/// (<c>#</c>, <c>;</c>), blank lines and lines of one word are skipped.
/// </summary>
internal static class ResolvConfReader
{
    private static readonly char[] Blanks = [' ', '\t', '\r', '\v', '\f'];

    public static CniDns Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new CniException(CniErrorCode.Internal, $"open {path}: {reason}", "at ipam.resolvConf", e);
        }

        var dns = new CniDns();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var fields = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver":
                    dns.Nameservers.Add(fields[1]);
                    break;
                case "domain":
                    dns.Domain = fields[1];
                    break;
                case "search":
                    AddAll(dns.Search, fields);
                    break;
                case "options":
                    AddAll(dns.Options, fields);
                    break;
                default:
                    break;
            }
        }

        return dns;
    }

    private static void AddAll(IList<string> target, string[] fields)
    {
        for (var i = 1; i < fields.Length; i++)
        {
            target.Add(fields[i]);
        }
    }
}
