using System.Globalization;
using Keel.Data;

namespace Keel.Monitoring.Drift;

/// <summary>
/// How often each value occurs in the reference and in the current sample, over the values that occur in either
/// (Evidently's keys: the non-missing unique values of both). Categories are ordered by ordinal string comparison,
/// numbers ascending, booleans false before true: the order Python's <c>sorted</c> gives them.
/// </summary>
internal sealed class CategoryCounts
{
    private CategoryCounts(string[] labels, int[] reference, int[] current)
    {
        Labels = labels;
        Reference = reference;
        Current = current;
        foreach (var c in reference) ReferenceTotal += c;
        foreach (var c in current) CurrentTotal += c;
    }

    public string[] Labels { get; }

    public int[] Reference { get; }

    public int[] Current { get; }

    public int ReferenceTotal { get; }

    public int CurrentTotal { get; }

    public int Count => Labels.Length;

    public double[] ReferenceShares() => Reference.Select(c => (double)c / ReferenceTotal).ToArray();

    public double[] CurrentShares() => Current.Select(c => (double)c / CurrentTotal).ToArray();

    /// <summary>One bin per category with both samples' shares, as a result reports them.</summary>
    public DriftBins Bins() => new() { Categories = Labels, ReferenceShares = ReferenceShares(), CurrentShares = CurrentShares() };

    public static CategoryCounts FromCategorical(CategoricalColumn reference, CategoricalColumn current, out int referenceMissing, out int currentMissing)
    {
        var refCounts = CountCodes(reference.Codes, reference.Categories.Count, out referenceMissing);
        var curCounts = CountCodes(current.Codes, current.Categories.Count, out currentMissing);
        var totals = new Dictionary<string, (int Reference, int Current)>(StringComparer.Ordinal);
        for (var c = 0; c < refCounts.Length; c++)
            if (refCounts[c] > 0) totals[reference.Categories[c]] = (totals.GetValueOrDefault(reference.Categories[c]).Reference + refCounts[c], 0);
        for (var c = 0; c < curCounts.Length; c++)
            if (curCounts[c] > 0)
            {
                var t = totals.GetValueOrDefault(current.Categories[c]);
                totals[current.Categories[c]] = (t.Reference, t.Current + curCounts[c]);
            }
        var labels = totals.Keys.ToArray();
        Array.Sort(labels, StringComparer.Ordinal);
        return new CategoryCounts(labels, labels.Select(l => totals[l].Reference).ToArray(), labels.Select(l => totals[l].Current).ToArray());
    }

    public static CategoryCounts FromBoolean(BooleanColumn reference, BooleanColumn current, out int referenceMissing, out int currentMissing)
    {
        var r = CountBooleans(reference.Values, out referenceMissing);
        var c = CountBooleans(current.Values, out currentMissing);
        var keep = Enumerable.Range(0, 2).Where(k => r[k] + c[k] > 0).ToArray();
        string[] names = ["false", "true"];
        return new CategoryCounts(keep.Select(k => names[k]).ToArray(), keep.Select(k => r[k]).ToArray(), keep.Select(k => c[k]).ToArray());
    }

    /// <summary>Each distinct number as a category, labelled with its shortest round-trip text.</summary>
    public static CategoryCounts FromNumeric(MergedSample sample)
    {
        var n = sample.Distinct;
        var labels = new string[n];
        var r = new int[n];
        var c = new int[n];
        for (var u = 0; u < n; u++)
        {
            labels[u] = sample.Values[u].ToString("R", CultureInfo.InvariantCulture);
            r[u] = sample.ReferenceCountAt(u);
            c[u] = sample.CurrentCountAt(u);
        }
        return new CategoryCounts(labels, r, c);
    }

    private static int[] CountCodes(ReadOnlySpan<int> codes, int categories, out int missing)
    {
        var counts = new int[categories];
        missing = 0;
        foreach (var code in codes)
        {
            if (code < 0) missing++;
            else counts[code]++;
        }
        return counts;
    }

    private static int[] CountBooleans(ReadOnlySpan<byte> values, out int missing)
    {
        var counts = new int[2];
        missing = 0;
        foreach (var v in values)
        {
            if (v == BooleanColumn.Missing) missing++;
            else counts[v == 0 ? 0 : 1]++;
        }
        return counts;
    }
}
