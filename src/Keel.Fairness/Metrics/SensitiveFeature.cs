namespace Keel.Fairness.Metrics;

/// <summary>
/// A column that splits the rows into groups: its name and one value per row. A null value is a missing value; it
/// forms its own group, <see cref="MissingGroup"/>, so that rows are never dropped silently.
/// </summary>
public sealed record SensitiveFeature(string Name, IReadOnlyList<string?> Values)
{
    /// <summary>The name of the group of rows whose value is missing: "(missing)".</summary>
    public const string MissingGroup = "(missing)";

    /// <summary>A feature named "group", as Fairlearn names a single unnamed sensitive feature's groups.</summary>
    public static SensitiveFeature Of(IReadOnlyList<string?> values) => new("group", values);
}
