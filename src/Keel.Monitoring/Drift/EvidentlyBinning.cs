namespace Keel.Monitoring.Drift;

/// <summary>
/// Evidently's <c>get_binned_data</c> (<c>evidently/legacy/calculations/stattests/utils.py</c>), shared by PSI and
/// Jensen–Shannon: a numeric column whose reference has more than 20 distinct values is cut into NumPy's Sturges bins
/// over reference ∪ current; any other column gets one bin per value seen in either sample. Shares are counts over the
/// sample's non-missing size. With the zero fill (PSI), an empty bin's share becomes the smallest non-zero share / 10⁶
/// when that share is at most 0.0001, and 0.0001 otherwise, on each side separately.
/// </summary>
internal static class EvidentlyBinning
{
    /// <summary>Evidently bins by value when the reference has at most this many distinct numbers.</summary>
    public const int MaxDistinctForValueBins = 20;

    public static DriftBins Bin(ColumnSample sample, bool fillZeros)
    {
        DriftBins bins;
        if (sample.Numeric is { } numeric && numeric.ReferenceDistinct > MaxDistinctForValueBins)
        {
            var edges = NumpyHistogram.SturgesEdges(numeric.Min, numeric.Max, (long)numeric.ReferenceCount + numeric.CurrentCount);
            bins = new DriftBins
            {
                Edges = edges,
                ReferenceShares = Shares(NumpyHistogram.Counts(numeric, edges, reference: true), numeric.ReferenceCount),
                CurrentShares = Shares(NumpyHistogram.Counts(numeric, edges, reference: false), numeric.CurrentCount),
            };
        }
        else
        {
            var c = sample.Categories;
            bins = new DriftBins
            {
                Categories = c.Labels,
                ReferenceShares = Shares(c.Reference, c.ReferenceTotal),
                CurrentShares = Shares(c.Current, c.CurrentTotal),
            };
        }
        if (!fillZeros) return bins;
        return bins with { ReferenceShares = FillZeros((double[])bins.ReferenceShares), CurrentShares = FillZeros((double[])bins.CurrentShares) };
    }

    private static double[] Shares(int[] counts, int total) => counts.Select(c => (double)c / total).ToArray();

    private static double[] FillZeros(double[] shares)
    {
        if (!shares.Contains(0.0)) return shares;
        var smallest = shares.Where(s => s != 0).Min();
        var fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        return shares.Select(s => s == 0 ? fill : s).ToArray();
    }
}
