using Cni.Testing;

namespace Cni.Spec.Tests;

/// <summary>Approving golden files (CNI_ACCEPT_GOLDEN=1) cannot happen in a CI run.</summary>
public class GoldenApprovalTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, "true", false)]
    [InlineData("0", null, false)]
    [InlineData("1", null, true)]
    [InlineData("1", "false", true)]
    public void Approves_only_when_asked_and_not_in_CI(string? accept, string? ci, bool approving)
        => Assert.Equal(approving, Golden.IsApproving(Environment(accept, ci)));

    [Fact]
    public void Asking_to_approve_under_CI_fails()
        => Assert.ThrowsAny<Exception>(() => Golden.IsApproving(Environment("1", "true")));

    private static Func<string, string?> Environment(string? accept, string? ci)
        => name => name switch
        {
            "CNI_ACCEPT_GOLDEN" => accept,
            "CI" => ci,
            _ => null,
        };
}
