using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>Writes straight to an etcd member through its JSON gateway, beside the code under test.</summary>
internal static class EtcdGateway
{
    /// <summary>Puts <paramref name="key"/> = <paramref name="value"/> and answers the revision of the write.</summary>
    public static async Task<long> PutAsync(Uri member, string key, string value, CancellationToken cancellationToken)
    {
        using var answer = await PostAsync(member, "v3/kv/put", $$"""{"key":"{{Base64(key)}}","value":"{{Base64(value)}}"}""", cancellationToken);
        using var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken));
        return long.Parse(document.RootElement.GetProperty("header").GetProperty("revision").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Compacts the member's history up to <paramref name="revision"/>.</summary>
    public static async Task CompactAsync(Uri member, long revision, CancellationToken cancellationToken)
    {
        using var answer = await PostAsync(member, "v3/kv/compaction", $$"""{"revision":"{{revision}}","physical":true}""", cancellationToken);
    }

    private static async Task<HttpResponseMessage> PostAsync(Uri member, string path, string json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        var answer = await http.PostAsync(new Uri(member, path), content, cancellationToken);
        answer.EnsureSuccessStatusCode();
        return answer;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
