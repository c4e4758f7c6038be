using Keel.Data;

namespace Keel.Monitoring.Multivariate;

/// <summary>
/// How one column becomes one standardized number in NannyML's data reconstruction, fitted on the reference: a missing
/// number takes the reference mean and a missing category the reference's most frequent one (scikit-learn's
/// <c>SimpleImputer</c> "mean" and "most_frequent", ties going to the smallest value); a category or boolean becomes
/// its share of the imputed reference rows (category_encoders' <c>CountEncoder(normalize=True)</c>), 0 for a category
/// the reference never saw; then <c>(x − Mean) / Scale</c> with the reference's mean and population standard
/// deviation (scikit-learn's <c>StandardScaler</c>; a constant column keeps scale 1).
/// </summary>
internal sealed record ReconstructionColumn(string Name, ColumnType Type, double Fill, string? Mode, IReadOnlyDictionary<string, double>? Shares, double Mean, double Scale)
{
    public static ReconstructionColumn Fit(Column column)
    {
        var n = column.Length;
        double fill = double.NaN;
        string? mode = null;
        Dictionary<string, double>? shares = null;
        if (column is NumericColumn numeric)
        {
            double sum = 0;
            var present = 0;
            foreach (var v in numeric.Values)
                if (!double.IsNaN(v)) { sum += v; present++; }
            if (present == 0) throw NoValues(column.Name);
            fill = sum / present;
        }
        else
        {
            var counts = Counts(column, out var missing);
            if (counts.Count == 0) throw NoValues(column.Name);
            var most = counts.Values.Max();
            mode = counts.Where(c => c.Value == most).Select(c => c.Key).Min(StringComparer.Ordinal)!;
            counts[mode] += missing;
            shares = counts.ToDictionary(c => c.Key, c => (double)c.Value / n, StringComparer.Ordinal);
        }
        var fitted = new ReconstructionColumn(column.Name, column.Type, fill, mode, shares, 0, 1);
        var x = fitted.Encode(column);
        double mean = 0;
        foreach (var v in x) mean += v;
        mean /= n;
        double squares = 0, deviations = 0;
        foreach (var v in x)
        {
            var d = v - mean;
            deviations += d;
            squares += d * d;
        }
        // Two-pass variance with its rounding correction, and scikit-learn's test for a constant column.
        var variance = (squares - deviations * deviations / n) / n;
        const double eps = 2.220446049250313e-16; // numpy's finfo(float64).eps
        var constant = variance <= n * eps * variance + Math.Pow(n * mean * eps, 2);
        return fitted with { Mean = mean, Scale = constant ? 1 : Math.Sqrt(variance) };
    }

    /// <summary>The column's standardized values: imputed, encoded, centred and scaled.</summary>
    public double[] Standardize(Column column)
    {
        var x = Encode(column);
        for (var i = 0; i < x.Length; i++) x[i] = (x[i] - Mean) / Scale;
        return x;
    }

    /// <summary>The column's values imputed and, for categories and booleans, replaced by their reference share.</summary>
    private double[] Encode(Column column)
    {
        var x = new double[column.Length];
        switch (column)
        {
            case NumericColumn n:
                for (var i = 0; i < x.Length; i++) x[i] = double.IsNaN(n.Values[i]) ? Fill : n.Values[i];
                break;
            case CategoricalColumn c:
            {
                var missing = Share(Mode!);
                var byCode = c.Categories.Select(Share).ToArray();
                var codes = c.Codes;
                for (var i = 0; i < x.Length; i++) x[i] = codes[i] < 0 ? missing : byCode[codes[i]];
                break;
            }
            case BooleanColumn b:
            {
                double no = Share("false"), yes = Share("true"), missing = Share(Mode!);
                var values = b.Values;
                for (var i = 0; i < x.Length; i++) x[i] = values[i] == BooleanColumn.Missing ? missing : values[i] == 1 ? yes : no;
                break;
            }
            default:
                throw new KeelDataException($"Column '{Name}' is {MonitoredColumns.Word(column.Type)}; only numeric, categorical and boolean columns can be compared.");
        }
        return x;
    }

    private double Share(string category) => Shares!.TryGetValue(category, out var share) ? share : 0;

    private static Dictionary<string, int> Counts(Column column, out int missing)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        missing = 0;
        if (column is CategoricalColumn c)
        {
            var byCode = new int[c.Categories.Count];
            foreach (var code in c.Codes)
                if (code < 0) missing++;
                else byCode[code]++;
            for (var k = 0; k < byCode.Length; k++)
                if (byCode[k] > 0) counts[c.Categories[k]] = counts.GetValueOrDefault(c.Categories[k]) + byCode[k];
            return counts;
        }
        var b = (BooleanColumn)column;
        int no = 0, yes = 0;
        foreach (var v in b.Values)
            if (v == BooleanColumn.Missing) missing++;
            else if (v == 1) yes++;
            else no++;
        if (no > 0) counts["false"] = no;
        if (yes > 0) counts["true"] = yes;
        return counts;
    }

    private static KeelDataException NoValues(string name) =>
        new($"Column '{name}' has no values in the reference (every row is missing), so there is nothing to fill its gaps with. Leave it out of Columns.");
}
