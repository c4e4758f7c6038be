namespace Keel.Monitoring.Drift;

/// <summary>
/// Evidently's choice of test for a column no test was named for (<c>_get_default_stattest</c>,
/// <c>evidently/legacy/calculations/stattests/registry.py</c>), on the non-missing values. With at most 1,000
/// reference values: Kolmogorov–Smirnov for a numeric column with more than 5 distinct values (over both samples),
/// otherwise χ² when there are more than 2 distinct values and the two-proportion Z-test when there are at most 2 —
/// numeric columns with few values included. With more than 1,000 reference values: the normed Wasserstein distance
/// for a numeric column with more than 5 distinct values, the Jensen–Shannon distance for every other column.
/// </summary>
internal static class DefaultDriftTest
{
    /// <summary>Up to this many reference values a column gets a statistical test; beyond, a distance.</summary>
    public const int MaxReferenceForTests = 1000;

    /// <summary>A numeric column needs more than this many distinct values to be tested as continuous.</summary>
    public const int MaxDistinctForDiscrete = 5;

    public static DriftTest For(ColumnSample sample)
    {
        var continuous = sample.Kind == DriftColumnKind.Numeric && sample.Distinct > MaxDistinctForDiscrete;
        if (sample.ReferenceCount <= MaxReferenceForTests)
            return continuous ? Get<KolmogorovSmirnovTest>() : sample.Distinct > 2 ? Get<ChiSquareTest>() : Get<ZTest>();
        return continuous ? Get<WassersteinTest>() : Get<JensenShannonTest>();
    }

    private static DriftTest Get<T>() where T : DriftTest => DriftTest.All.OfType<T>().Single();
}
