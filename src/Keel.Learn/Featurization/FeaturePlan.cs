using Keel.Data;

namespace Keel.Learn.Featurization;

/// <summary>
/// The fitted featurization of a model: which input columns it reads and how each becomes features. Immutable and
/// saved in the bundle, so prediction applies exactly what training learned.
/// </summary>
public sealed record FeaturePlan(IReadOnlyList<FeatureEncoding> Encodings)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> FeatureNames { get; } = Encodings.SelectMany(e => e.FeatureNames).ToArray();

    /// <summary>The input columns, in the order the plan reads them.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> InputColumns => Encodings.Select(e => e.Column);

    /// <summary>
    /// For each feature, whether standardization applies to it: the value of a number (not its missing indicator, not
    /// a one-hot indicator), as <see cref="FeaturizationOptions.Standardize"/> does.
    /// </summary>
    public bool[] StandardizedFeatures() =>
        Encodings.SelectMany(e => e is NumericEncoding n ? (n.MissingIndicator ? new[] { true, false } : [true]) : e.FeatureNames.Select(_ => false)).ToArray();

    /// <summary>Learns the encodings from the feature columns of a training table (role <see cref="ColumnRole.Feature"/>).</summary>
    public static FeaturePlan Fit(Table table, FeaturizationOptions? options = null)
    {
        options ??= new FeaturizationOptions();
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new KeelLearnException(string.Join(" ", problems));
        var encodings = new List<FeatureEncoding>();
        foreach (var schema in table.Schema.WithRole(ColumnRole.Feature))
        {
            var column = table[schema.Name];
            if (column.Type == ColumnType.Text) continue;
            if (column.MissingCount() == column.Length)
                throw new KeelLearnException($"Column '{column.Name}' has no values (every row is missing). Drop it (--ignore \"{column.Name}\") or fix the data.");
            encodings.Add(column switch
            {
                CategoricalColumn c => FitOneHot(c, options),
                _ => FitNumeric(column, options),
            });
        }
        if (encodings.Count == 0)
            throw new KeelLearnException("There are no feature columns to learn from: every column is the label, an id, text, sensitive or ignored.");
        return new FeaturePlan(encodings);
    }

    private static NumericEncoding FitNumeric(Column column, FeaturizationOptions options)
    {
        var values = NumericReader.Read(column, column.Type);
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(present);
        var median = present.Length % 2 == 1 ? present[present.Length / 2] : (present[present.Length / 2 - 1] + present[present.Length / 2]) / 2;
        var fill = column.Type == ColumnType.Boolean ? Math.Round(median) : median;
        var indicator = present.Length < values.Length;
        if (!options.Standardize) return new NumericEncoding(column.Name, column.Type, fill, indicator);
        double mean = 0, m2 = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = double.IsNaN(values[i]) ? fill : values[i];
            var d = x - mean;
            mean += d / (i + 1);
            m2 += d * (x - mean);
        }
        var std = Math.Sqrt(m2 / values.Length);
        return new NumericEncoding(column.Name, column.Type, fill, indicator, mean, std > 1e-12 ? 1 / std : 1);
    }

    private static OneHotEncoding FitOneHot(CategoricalColumn column, FeaturizationOptions options)
    {
        var counts = new int[column.Categories.Count];
        foreach (var c in column.Codes) if (c >= 0) counts[c]++;
        var order = Enumerable.Range(0, counts.Length)
            .Where(k => counts[k] > 0)
            .OrderByDescending(k => counts[k]).ThenBy(k => column.Categories[k], StringComparer.Ordinal).ToArray();
        var kept = order.Where(k => counts[k] >= options.MinCategoryCount).Take(options.MaxCategories).ToArray();
        if (kept.Length == 0) kept = order.Take(Math.Min(options.MaxCategories, order.Length)).ToArray();
        return new OneHotEncoding(column.Name, kept.Select(k => column.Categories[k]).ToArray(), kept.Length < order.Length);
    }

    /// <summary>
    /// Turns a table into features. Extra columns are ignored; a missing column or one of the wrong type is refused with
    /// every problem named at once. Categories never seen in training are counted as "(other)", never an error.
    /// </summary>
    public FeatureMatrix Transform(Table table)
    {
        Check(table);
        var writer = new FeatureWriter(this);
        var width = writer.Width;
        var rows = table.RowCount;
        var values = new float[(long)rows * width];
        for (var e = 0; e < Encodings.Count; e++)
        {
            var column = table[Encodings[e].Column];
            if (Encodings[e] is NumericEncoding n)
            {
                var source = NumericReader.Read(column, n.SourceType);
                for (var i = 0; i < rows; i++) writer.WriteNumber(e, source[i], values.AsSpan((int)((long)i * width), width));
            }
            else if (column is CategoricalColumn c)
            {
                // Each distinct category is looked up once; rows then set the feature their code maps to.
                var featureOf = c.Categories.Select(category => writer.CategoryFeature(e, category)).ToArray();
                var codes = c.Codes;
                for (var i = 0; i < rows; i++)
                    if (codes[i] >= 0 && featureOf[codes[i]] >= 0) values[(long)i * width + featureOf[codes[i]]] = 1f;
            }
            else
            {
                for (var i = 0; i < rows; i++) writer.WriteCategory(e, column.FormatValue(i), values.AsSpan((int)((long)i * width), width));
            }
        }
        return new FeatureMatrix(values, rows, FeatureNames);
    }

    /// <summary>Refuses a table that lacks an input column or has one of an unusable type, naming every such column.</summary>
    public void Check(Table table)
    {
        var problems = new List<string>();
        foreach (var e in Encodings)
        {
            var i = table.Schema.TryIndexOf(e.Column);
            if (i < 0) { problems.Add($"column '{e.Column}' is missing"); continue; }
            var actual = table[i].Type;
            if (e is NumericEncoding n && !NumericReader.Accepts(n.SourceType, actual))
                problems.Add($"column '{e.Column}' should be {n.SourceType.ToString().ToLowerInvariant()} but is {actual.ToString().ToLowerInvariant()}");
        }
        if (problems.Count > 0)
            throw new KeelLearnException($"The data does not match the model's input: {string.Join("; ", problems)}. The model reads: {string.Join(", ", InputColumns)}.");
    }
}
