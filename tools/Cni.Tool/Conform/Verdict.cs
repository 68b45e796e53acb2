namespace Cni.Tool.Conform;

/// <summary>The outcome of one check before it is named: status and the reason (a note for a pass).</summary>
internal readonly record struct Verdict(CheckStatus Status, string Reason)
{
    public static Verdict Pass(string note = "") => new(CheckStatus.Pass, note);

    public static Verdict Fail(string reason) => new(CheckStatus.Fail, reason);

    public static Verdict Skip(string reason) => new(CheckStatus.Skip, reason);
}
