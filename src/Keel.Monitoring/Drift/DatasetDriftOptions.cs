using Keel.Data;

namespace Keel.Monitoring.Drift;

/// <summary>Which columns <see cref="DatasetDrift"/> tests, how, and when the whole data set counts as drifted.</summary>
public sealed record DatasetDriftOptions
{
    /// <summary>
    /// The columns to test, in order. The default value is null: every numeric, categorical and boolean column of the
    /// reference whose role is not <see cref="ColumnRole.Id"/> or <see cref="ColumnRole.Ignore"/>.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// The test (a name from <see cref="DriftTest.Names"/>) for numeric columns without a test of their own. The default
    /// value is null: Evidently's rule picks one per column (KS or χ²/Z up to 1,000 reference values, normed
    /// Wasserstein or Jensen–Shannon beyond).
    /// </summary>
    public string? NumericTest { get; init; }

    /// <summary>The test for categorical and boolean columns without a test of their own. The default value is null: Evidently's rule.</summary>
    public string? CategoricalTest { get; init; }

    /// <summary>A test per column, by column name. The default value is null: none.</summary>
    public IReadOnlyDictionary<string, string>? ColumnTests { get; init; }

    /// <summary>
    /// The threshold for columns without one of their own. The default value is null: each test's default
    /// (<see cref="DriftTest.DefaultThreshold"/>). A p-value test needs a threshold in (0, 1); a distance, a positive one.
    /// </summary>
    public double? Threshold { get; init; }

    /// <summary>A threshold per column, by column name. The default value is null: none.</summary>
    public IReadOnlyDictionary<string, double>? ColumnThresholds { get; init; }

    /// <summary>The adjustment of the p-value tests' p-values. The default value is <see cref="MultipleTestingCorrection.None"/>.</summary>
    public MultipleTestingCorrection Correction { get; init; } = MultipleTestingCorrection.None;

    /// <summary>
    /// The data set drifted when at least this share of the tested columns drifted (Evidently's <c>drift_share</c>).
    /// The default value is 0.5; the range is (0, 1].
    /// </summary>
    public double DriftShare { get; init; } = 0.5;

    /// <summary>Columns tested at once. The default value is the number of processors; the results do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The problems of the options on their own; the tables are checked by <see cref="DatasetDrift.Detect"/>.</summary>
    /// <summary>
    /// More tests to run on every column they apply to, beside each column's own, on the same sorted sample (a column
    /// is read and sorted once however many tests it gets). Reported in <see cref="DatasetDriftResult.AlsoRun"/>, with
    /// their default thresholds; they do not count towards the drifted share. The default value is none.
    /// </summary>
    public IReadOnlyList<string>? AlsoRun { get; init; }

    public IEnumerable<string> Validate()
    {
        foreach (var name in AlsoRun ?? [])
            if (DriftTest.Find(name) is null) yield return $"AlsoRun names '{name}', which is not a drift test; use some of {string.Join(", ", DriftTest.Names)}.";
        if (!(DriftShare > 0 && DriftShare <= 1)) yield return $"DriftShare must be in (0, 1]; it is {DriftShare}.";
        if (Threads < 1) yield return $"Threads must be at least 1; it is {Threads}.";
        if (!Enum.IsDefined(Correction)) yield return $"Correction {(int)Correction} is not one of {string.Join(", ", Enum.GetNames<MultipleTestingCorrection>())}.";
        if (Threshold is { } t && !(t > 0 && double.IsFinite(t))) yield return $"Threshold must be a positive number; it is {t}.";
        foreach (var (label, name, kind) in new[] { ("NumericTest", NumericTest, DriftColumnKind.Numeric), ("CategoricalTest", CategoricalTest, DriftColumnKind.Categorical) })
        {
            if (name is null) continue;
            var test = DriftTest.Find(name);
            if (test is null) yield return $"{label} '{name}' is not a drift test; use one of {string.Join(", ", DriftTest.Names)}.";
            else if (!test.ColumnKinds.Contains(kind))
                yield return $"{label} '{name}' does not apply to {kind.ToString().ToLowerInvariant()} columns; use one of {string.Join(", ", DriftTest.All.Where(d => d.ColumnKinds.Contains(kind)).Select(d => d.Name))}.";
        }
        if (Columns is not null)
            foreach (var duplicate in Columns.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
                yield return $"Columns names '{duplicate.Key}' more than once.";
        foreach (var (column, name) in ColumnTests ?? new Dictionary<string, string>())
            if (DriftTest.Find(name) is null)
                yield return $"The test '{name}' of column '{column}' is not a drift test; use one of {string.Join(", ", DriftTest.Names)}.";
    }
}
