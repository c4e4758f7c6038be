namespace Keel.Learn.Featurization;

/// <summary>How input columns become model features.</summary>
public sealed record FeaturizationOptions
{
    /// <summary>
    /// The most categories of one column that get their own indicator; less frequent ones share an "(other)" indicator.
    /// The default value is 32; the range is 1 to 1000.
    /// </summary>
    public int MaxCategories { get; init; } = 32;

    /// <summary>
    /// A category seen in fewer training rows than this shares the "(other)" indicator. The default value is 5.
    /// </summary>
    public int MinCategoryCount { get; init; } = 5;

    /// <summary>Standardize numbers (mean 0, deviation 1), as linear models need. The default value is false.</summary>
    public bool Standardize { get; init; }

    public IEnumerable<string> Validate()
    {
        if (MaxCategories is < 1 or > 1000) yield return $"MaxCategories must be between 1 and 1000; it is {MaxCategories}.";
        if (MinCategoryCount < 1) yield return $"MinCategoryCount must be at least 1; it is {MinCategoryCount}.";
    }
}
