using System.Text;
using System.Text.Json;
using Cni.Internal.GoFormat;
using Cni.Internal.Invoke;
using CsCheck;

namespace Cni.Tests.Invoke;

public class PluginFailureTests
{
    [Fact]
    public void Any_error_object_comes_back_with_its_code_message_and_details()
    {
        Gen.UInt.Select(Gen.String, Gen.String.Null()).Sample((code, message, details) =>
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("cniVersion", "1.1.0");
                writer.WriteNumber("code", code);
                writer.WriteString("msg", message);
                if (details is not null)
                {
                    writer.WriteString("details", details);
                }

                writer.WriteEndObject();
            }

            var error = PluginFailure.Create("exit status 1", buffer.ToArray(), "ignored"u8);

            Assert.Equal((CniErrorCode)code, error.Code);
            Assert.Equal(message, error.Message);
            Assert.Equal(string.IsNullOrEmpty(details) ? null : details, error.Details);
        });
    }

    [Theory]
    [InlineData("null", 0, "")]
    [InlineData("{}", 0, "")]
    [InlineData(" {\"code\": 3, \"code\": 4, \"msg\": \"last wins\"} \n", 4, "last wins")]
    [InlineData("{\"Details\": \"\", \"MSG\": \"any case\", \"Code\": 50}", 50, "any case")]
    [InlineData("{\"code\": null, \"msg\": null, \"x\": [{\"y\": null}]}", 0, "")]
    public void Error_objects_are_read_like_Go_json_Unmarshal(string json, uint code, string message)
    {
        var error = PluginFailure.Create("exit status 1", Encoding.UTF8.GetBytes(json), []);

        Assert.Equal((CniErrorCode)code, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Null(error.Details);
    }

    [Theory]
    [InlineData("{\"code\": -1}")]
    [InlineData("{\"code\": 1.5}")]
    [InlineData("{\"code\": 4294967296}")]
    [InlineData("{\"msg\": 5}")]
    [InlineData("{\"details\": true}")]
    [InlineData("\"text\"")]
    [InlineData("{\"msg\": \"a\"}{}")]
    [InlineData("{\"msg\": \"a\"")]
    [InlineData("\n")]
    public void Anything_else_on_stdout_is_quoted_in_the_message(string stdout)
    {
        var bytes = Encoding.UTF8.GetBytes(stdout);

        var error = PluginFailure.Create("exit status 1", bytes, "stderr is not used"u8);

        Assert.StartsWith($"netplugin failed but error parsing its diagnostic message {GoQuote.Quote(bytes)}: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(CniErrorCode.Unknown, error.Code);
    }
}
