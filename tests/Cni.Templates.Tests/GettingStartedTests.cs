using Cni.Testing;

namespace Cni.Templates.Tests;

/// <summary>docs/getting-started.md shows the template's files as they are: what a reader copies is what builds.</summary>
public class GettingStartedTests
{
    private static readonly string Content = Path.Combine(RepositoryPaths.Root, "templates", "Cni.Templates", "content", "cni-plugin");

    [Theory]
    [InlineData("src/MyPlugin/MyPlugin.csproj", "xml")]
    [InlineData("src/MyPlugin/Program.cs", "csharp")]
    public void The_page_shows_the_template_file_whole(string file, string language)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "getting-started.md"));
        var caption = $"`{file}`, whole:\n\n```{language}\n";
        var start = page.IndexOf(caption, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/getting-started.md has no \"{caption.Trim()}\" block");
        start += caption.Length;
        var shown = page[start..page.IndexOf("```\n", start, StringComparison.Ordinal)];

        var source = File.ReadAllText(Path.Combine(Content, file));
        // Program.cs opens with a comment the page says in its own words; the code from the first `using` on is shown.
        var code = language == "csharp" ? source[source.IndexOf("using ", StringComparison.Ordinal)..] : source;
        Assert.Equal(code, shown);
    }
}
