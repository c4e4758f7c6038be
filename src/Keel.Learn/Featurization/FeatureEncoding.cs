using System.Text.Json.Serialization;

namespace Keel.Learn.Featurization;

/// <summary>How one input column becomes one or more model features. A closed set, saved in the bundle as JSON.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NumericEncoding), "numeric")]
[JsonDerivedType(typeof(OneHotEncoding), "oneHot")]
public abstract record FeatureEncoding(string Column)
{
    /// <summary>The names of the features this encoding writes, in order.</summary>
    [JsonIgnore]
    public abstract IReadOnlyList<string> FeatureNames { get; }
}

/// <summary>
/// A number (or a boolean as 0/1, or a date as days since 1970-01-01): missing values are replaced by
/// <see cref="Fill"/> and, when <see cref="MissingIndicator"/> is set, flagged in a second feature; then
/// <c>(x - Offset) * Scale</c>.
/// </summary>
public sealed record NumericEncoding(string Column, Data.ColumnType SourceType, double Fill, bool MissingIndicator, double Offset = 0, double Scale = 1)
    : FeatureEncoding(Column)
{
    [JsonIgnore]
    public override IReadOnlyList<string> FeatureNames =>
        MissingIndicator ? [Column, Column + "=missing"] : [Column];
}

/// <summary>
/// One indicator per kept category, and a last indicator for every other value: rare categories grouped at training
/// and categories never seen before at prediction time. A missing value sets no indicator.
/// </summary>
public sealed record OneHotEncoding(string Column, IReadOnlyList<string> Categories, bool OtherIndicator) : FeatureEncoding(Column)
{
    [JsonIgnore]
    public override IReadOnlyList<string> FeatureNames =>
        [.. Categories.Select(c => $"{Column}={c}"), .. OtherIndicator ? new[] { $"{Column}=(other)" } : []];
}
