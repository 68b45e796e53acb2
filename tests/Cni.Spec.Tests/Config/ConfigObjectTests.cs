using System.Text.Json;

namespace Cni.Tests.Config;

/// <summary>
/// <see cref="ConfigObject"/>, what a plugin reads its own keys with: each getter's default, value and
/// <c>null</c>, equal keys, and the code 6 error that names the key's path.
/// </summary>
public sealed class ConfigObjectTests
{
    [Fact]
    public void Absent_keys_give_the_defaults()
    {
        var keys = Keys("""{"MTU":1,"other":true}""");

        Assert.False(keys.GetBoolean("b"));
        Assert.True(keys.GetBoolean("b", defaultValue: true));
        Assert.Equal(0, keys.GetInt32("mtu"));
        Assert.Equal(7, keys.GetInt32("mtu", 7));
        Assert.Null(keys.GetNullableInt32("mtu"));
        Assert.Null(keys.GetString("s"));
        Assert.Equal("d", keys.GetString("s", "d"));
        Assert.Null(keys.GetObject("o"));
        Assert.Null(keys.GetObjects("l", ReadId));
    }

    [Fact]
    public void Values_of_the_right_type_are_read()
    {
        var keys = Keys("""{"b":true,"f":false,"i":-5,"big":2147483647,"s":"x","o":{"k":1},"l":[{"id":1},null,{}]}""");

        Assert.True(keys.GetBoolean("b"));
        Assert.False(keys.GetBoolean("f", defaultValue: true));
        Assert.Equal(-5, keys.GetInt32("i", 7));
        Assert.Equal(int.MaxValue, keys.GetNullableInt32("big"));
        Assert.Equal("x", keys.GetString("s", "d"));
        Assert.Equal(("$.o", 1), (keys.GetObject("o")!.Value.Path, keys.GetObject("o")!.Value.GetInt32("k")));
        Assert.Equal(["1 at $.l[0]", null, " at $.l[2]"], keys.GetObjects("l", ReadId)!);
    }

    [Fact]
    public void Null_unsets_what_may_be_null_and_a_string_keeps_its_default()
    {
        var keys = Keys("""{"s":null,"n":null,"o":null,"l":null}""");

        Assert.Equal("d", keys.GetString("s", "d"));
        Assert.Null(keys.GetNullableInt32("n"));
        Assert.Null(keys.GetObject("o"));
        Assert.Null(keys.GetObjects("l", ReadId));
    }

    [Fact]
    public void Of_equal_keys_the_last_wins_but_every_one_must_have_the_right_type()
    {
        var keys = Keys("""{"i":1,"i":2,"s":"x","s":null,"t":null,"t":"y","bad":"1","bad":1}""");

        Assert.Equal(2, keys.GetInt32("i"));
        Assert.Equal("d", keys.GetString("s", "d"));
        Assert.Equal("y", keys.GetString("t", "d"));
        Assert.Equal("error parsing configuration: $.bad must be a number, not a string", Assert.Throws<CniException>(() => keys.GetInt32("bad")).Message);
    }

    [Theory]
    [InlineData("""{"k":"yes"}""", "bool", "$.k must be a boolean, not a string")]
    [InlineData("""{"k":null}""", "bool", "$.k must be a boolean, not null")]
    [InlineData("""{"k":1}""", "bool", "$.k must be a boolean, not a number")]
    [InlineData("""{"k":"1400"}""", "int", "$.k must be a number, not a string")]
    [InlineData("""{"k":null}""", "int", "$.k must be a number, not null")]
    [InlineData("""{"k":1.5}""", "int", "$.k must be an integer, not 1.5")]
    [InlineData("""{"k":1e3}""", "int", "$.k must be an integer, not 1e3")]
    [InlineData("""{"k":2147483648}""", "int", "$.k is out of range: 2147483648")]
    [InlineData("""{"k":-2147483649}""", "int?", "$.k is out of range: -2147483649")]
    [InlineData("""{"k":[1]}""", "int?", "$.k must be a number, not an array")]
    [InlineData("""{"k":1}""", "string", "$.k must be a string, not a number")]
    [InlineData("""{"k":false}""", "string", "$.k must be a string, not a boolean")]
    [InlineData("""{"k":[]}""", "object", "$.k must be an object, not an array")]
    [InlineData("""{"k":{"b":0}}""", "object", "$.k.b must be a boolean, not a number")]
    [InlineData("""{"k":{}}""", "objects", "$.k must be an array, not an object")]
    [InlineData("""{"k":[{},1]}""", "objects", "$.k[1] must be an object, not a number")]
    [InlineData("""{"k":[{"id":1},{"id":"2"}]}""", "objects", "$.k[1].id must be a number, not a string")]
    public void A_value_of_the_wrong_type_fails_with_code_6_naming_its_path(string json, string getter, string message)
    {
        var keys = Keys(json);

        var error = Assert.Throws<CniException>(() => getter switch
        {
            "bool" => keys.GetBoolean("k"),
            "int" => keys.GetInt32("k"),
            "int?" => keys.GetNullableInt32("k"),
            "string" => keys.GetString("k"),
            "object" => keys.GetObject("k")?.GetBoolean("b"),
            _ => (object?)keys.GetObjects("k", ReadId),
        });

        Assert.Equal((CniErrorCode.DecodingFailure, "error parsing configuration: " + message), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("[]", "$", "error parsing configuration: $ must be an object, not an array")]
    [InlineData("null", "$.ipam", "error parsing configuration: $.ipam must be an object, not null")]
    public void Only_an_object_is_wrapped(string json, string path, string message)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        var error = Assert.Throws<CniException>(() => new ConfigObject(root, path));

        Assert.Equal((CniErrorCode.DecodingFailure, message), (error.Code, error.Message));
    }

    private static ConfigObject Keys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new ConfigObject(document.RootElement.Clone());
    }

    // An item as its id and its path, so the test sees what each item was given.
    private static string ReadId(ConfigObject item) => $"{item.GetNullableInt32("id")} at {item.Path}";
}
