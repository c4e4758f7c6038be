namespace Keel.Serving;

/// <summary>A model the server serves: a registered name and the alias or version that picks its version.</summary>
public sealed record ModelSpec(string Name, string Reference)
{
    /// <summary>Whether the reference is an alias, which the server follows when it moves (a number stays put).</summary>
    public bool FollowsAlias => !int.TryParse(Reference, out _);

    /// <summary>Parses <c>name</c>, <c>name@alias</c> or <c>name@3</c>.</summary>
    public static ModelSpec Parse(string text)
    {
        var at = text.LastIndexOf('@');
        var (name, reference) = at < 0 ? (text.Trim(), "champion") : (text[..at].Trim(), text[(at + 1)..].Trim());
        if (name.Length == 0 || reference.Length == 0)
            throw new ArgumentException($"'{text}' is not a model to serve: write name@alias or name@version, e.g. churn@champion or churn@3.");
        return new ModelSpec(name, reference);
    }

    /// <summary>Parses a comma-separated list.</summary>
    public static IReadOnlyList<ModelSpec> ParseList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToArray();

    public override string ToString() => $"{Name}@{Reference}";
}
