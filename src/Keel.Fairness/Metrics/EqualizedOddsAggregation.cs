namespace Keel.Fairness.Metrics;

/// <summary>How equalized odds combines its true and false positive rate disparities (Fairlearn's <c>agg</c> parameter).</summary>
public enum EqualizedOddsAggregation
{
    /// <summary>The larger difference, or the smaller ratio, of the two (<c>worst_case</c>, Fairlearn's default).</summary>
    WorstCase,

    /// <summary>The mean of the two (<c>mean</c>).</summary>
    Mean,
}
