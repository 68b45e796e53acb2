using System.Net;
using CsCheck;

namespace Cni.Tests.Config;

public class CniArgsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_value_means_no_args(string? value)
    {
        var args = CniArgs.Parse(value);

        Assert.Empty(args);
        Assert.False(args.IgnoreUnknown);
        Assert.Empty(args.GetIPs());
        Assert.Null(args.PodName);
        Assert.Equal("", args.ToString());
    }

    [Fact]
    public void Kubernetes_keys_are_typed()
    {
        var args = CniArgs.Parse("IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=abc123;K8S_POD_UID=7f3c-11;MAC=0a:58:0a:01:00:07");

        Assert.True(args.IgnoreUnknown);
        Assert.Equal("default", args.PodNamespace);
        Assert.Equal("web-0", args.PodName);
        Assert.Equal("abc123", args.PodInfraContainerId);
        Assert.Equal("7f3c-11", args.PodUid);
        Assert.Equal("0a:58:0a:01:00:07", args.Mac);
        Assert.Equal(6, args.Count);
    }

    [Theory]
    [InlineData("IP=10.1.0.5", new[] { "10.1.0.5" })]
    [InlineData("IP=10.1.0.5/24", new[] { "10.1.0.5" })]
    [InlineData("IP=10.1.0.5/24,fd00::5/64", new[] { "10.1.0.5", "fd00::5" })]
    [InlineData("IP=10.1.0.5,10.1.0.6,fd00::7", new[] { "10.1.0.5", "10.1.0.6", "fd00::7" })]
    public void IP_holds_one_or_several_addresses(string value, string[] expected)
    {
        Assert.Equal(expected.Select(IPAddress.Parse), CniArgs.Parse(value).GetIPs());
    }

    [Theory]
    [InlineData("IP=10.1.0.300", "ARGS: error parsing value of pair \"IP=10.1.0.300\": invalid IP address 10.1.0.300")]
    [InlineData("IP=10.1.0.5,,10.1.0.6", "ARGS: error parsing value of pair \"IP=10.1.0.5,,10.1.0.6\": invalid IP address ")]
    [InlineData("IP=10.1.0.5/33", "ARGS: error parsing value of pair \"IP=10.1.0.5/33\": invalid IP address 10.1.0.5/33")]
    public void A_bad_IP_fails_on_access_with_code_999(string value, string message)
    {
        var args = CniArgs.Parse(value);

        var error = Assert.Throws<CniException>(args.GetIPs);
        Assert.Equal((CniErrorCode.Internal, message), (error.Code, error.Message));
    }


    [Fact]
    public void Spaces_are_kept_as_part_of_keys_and_values()
    {
        var args = CniArgs.Parse(" A = 1 ;B=2");

        Assert.True(args.TryGetValue(" A ", out var a));
        Assert.Equal(" 1 ", a);
        Assert.False(args.ContainsKey("A"));
        Assert.Equal("2", args["B"]);
    }

    [Fact]
    public void An_empty_key_is_a_key_as_in_the_reference()
    {
        var args = CniArgs.Parse("=1;IgnoreUnknown=1");

        Assert.Equal("1", args[""]);
        args.EnsureKnownKeys();
        Assert.Equal("ARGS: unknown args [\"=1\"]", Assert.Throws<CniException>(() => CniArgs.Parse("=1").EnsureKnownKeys("IP")).Message);
    }

    [Fact]
    public void A_repeated_key_keeps_its_last_value()
    {
        var args = CniArgs.Parse("K8S_POD_NAME=a;K8S_POD_NAME=b");

        Assert.Equal("b", args.PodName);
        Assert.Single(args);
    }

    [Fact]
    public void Keys_are_case_sensitive()
    {
        var args = CniArgs.Parse("k8s_pod_name=x");

        Assert.Null(args.PodName);
        Assert.True(args.TryGetValue("k8s_pod_name", out _));
    }

    [Theory]
    [InlineData("foo", "ARGS: invalid pair \"foo\"")]
    [InlineData("A=1;foo;B=2", "ARGS: invalid pair \"foo\"")]
    [InlineData("LABEL=a=b", "ARGS: invalid pair \"LABEL=a=b\"")]
    [InlineData("X==", "ARGS: invalid pair \"X==\"")]
    [InlineData("A=1;", "ARGS: invalid pair \"\"")]
    [InlineData(";A=1", "ARGS: invalid pair \"\"")]
    [InlineData("A=1;;B=2", "ARGS: invalid pair \"\"")]
    [InlineData("a\tb", "ARGS: invalid pair \"a\\tb\"")]
    [InlineData("IgnoreUnknown=yes", "ARGS: error parsing value of pair \"IgnoreUnknown=yes\": boolean unmarshal error: invalid input yes")]
    [InlineData("IgnoreUnknown=yes;foo", "ARGS: error parsing value of pair \"IgnoreUnknown=yes\": boolean unmarshal error: invalid input yes")]
    [InlineData("foo;IgnoreUnknown=yes", "ARGS: invalid pair \"foo\"")]
    public void Invalid_pairs_fail_in_order_with_the_reference_message_and_code_999(string value, string message)
    {
        var error = Assert.Throws<CniException>(() => CniArgs.Parse(value));

        Assert.Equal((CniErrorCode.Internal, message), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("IgnoreUnknown=1", true)]
    [InlineData("IgnoreUnknown=true", true)]
    [InlineData("IgnoreUnknown=TRUE", true)]
    [InlineData("IgnoreUnknown=0", false)]
    [InlineData("IgnoreUnknown=False", false)]
    public void IgnoreUnknown_reads_the_reference_boolean_forms(string value, bool expected)
    {
        Assert.Equal(expected, CniArgs.Parse(value).IgnoreUnknown);
    }

    [Fact]
    public void Unknown_keys_fail_only_when_asked_and_not_ignored()
    {
        var strict = CniArgs.Parse("IP=10.1.0.5;X=1;Y=\"b\";X=3");

        Assert.Equal([IPAddress.Parse("10.1.0.5")], strict.GetIPs());
        var error = Assert.Throws<CniException>(() => strict.EnsureKnownKeys("IP"));
        Assert.Equal((CniErrorCode.Internal, "ARGS: unknown args [\"X=1\" \"Y=\\\"b\\\"\" \"X=3\"]"), (error.Code, error.Message));
        strict.EnsureKnownKeys("IP", "X", "Y");
        CniArgs.Parse("IgnoreUnknown=1;X=1").EnsureKnownKeys("IP");
        CniArgs.Parse("IgnoreUnknown=0").EnsureKnownKeys();
    }

    [Fact]
    public void Any_args_dictionary_formatted_as_CNI_ARGS_parses_back_to_itself()
    {
        var key = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"].Array[1, 12].Select(c => new string(c))
            .Where(k => k != "IgnoreUnknown");
        var value = Gen.Char["abcXYZ019_-.:/, "].Array[0, 16].Select(c => new string(c));
        Gen.Dictionary(key, value)[0, 8].Sample(expected =>
        {
            var text = string.Join(';', expected.Select(p => $"{p.Key}={p.Value}"));

            var args = CniArgs.Parse(text);

            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), args.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(text, args.ToString());
        });
    }
}
