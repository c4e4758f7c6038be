namespace Keel.Monitoring.Multivariate;

/// <summary>Options of <see cref="DomainClassifier"/>.</summary>
public sealed record DomainClassifierOptions
{
    /// <summary>
    /// The columns the classifier may use: numeric, categorical or boolean, present in both tables. The default value
    /// is null: every feature column (role Feature) of those types, which both tables must then have; label, id,
    /// sensitive and ignored columns, text and dates are left out.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The most rows drawn from each table (seeded, without replacement). The default value is 10,000. Range 10 to 1,000,000.</summary>
    public int MaxRows { get; init; } = 10_000;

    /// <summary>Stratified cross-validation folds. The default value is 5 (NannyML's). Range 2 to 20.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Drift when the mean ROC AUC over the folds is at or above this. The default value is 0.55. Range (0.5, 1].
    /// At 0.5 the classifier cannot tell the tables apart. Without drift a fold's AUC on n₀ reference and n₁ current rows
    /// still spreads by chance, with standard deviation √((n₀ + n₁ + 1) / (12 n₀ n₁)) (the Mann-Whitney statistic's):
    /// about 0.009 for the 2,000 + 2,000 rows a fold holds at the defaults, so 0.55 is several deviations clear of
    /// chance yet low enough to catch a shift in one column. With small tables (a few hundred rows) chance alone can
    /// reach 0.55: read the fold AUCs, whose spread shows how far chance goes, before trusting a verdict near the
    /// threshold. NannyML's DomainClassifierCalculator alerts above 0.65.
    /// </summary>
    public double Threshold { get; init; } = 0.55;

    /// <summary>Boosting rounds of the LightGBM classifier. The default value is 100 (NannyML's). Range 1 to 10,000.</summary>
    public int Rounds { get; init; } = 100;

    /// <summary>Leaves per tree. The default value is 8. Range 2 to 1,024.</summary>
    public int Leaves { get; init; } = 8;

    /// <summary>Shrinkage per round. The default value is 0.1 (NannyML's). Range (0, 1].</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Shuffles of each column per fold for its permutation importance. The default value is 3. Range 1 to 100.</summary>
    public int ImportanceRepeats { get; init; } = 3;

    /// <summary>
    /// Threads LightGBM trains on. The default value is 1: the classifier's data is small (at most 2 × MaxRows rows),
    /// and one thread gives the same trees whatever the machine's core count (LightGBM's sums depend on how the rows
    /// are split between threads). Range 1 to 256.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Seed of the row draw, the folds, the trees and the shuffles. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Every problem with the options, in one message; null when they are valid.</summary>
    public string? Problems()
    {
        var problems = new List<string>();
        problems.AddRange(MonitoredColumns.ListProblems(Columns));
        if (MaxRows is < 10 or > 1_000_000) problems.Add($"MaxRows must be 10 to 1,000,000; it is {MaxRows}.");
        if (Folds is < 2 or > 20) problems.Add($"Folds must be 2 to 20; it is {Folds}.");
        if (!(Threshold > 0.5 && Threshold <= 1)) problems.Add($"Threshold must be above 0.5 and at most 1; it is {Threshold}.");
        if (Rounds is < 1 or > 10_000) problems.Add($"Rounds must be 1 to 10,000; it is {Rounds}.");
        if (Leaves is < 2 or > 1024) problems.Add($"Leaves must be 2 to 1,024; it is {Leaves}.");
        if (!(LearningRate > 0 && LearningRate <= 1)) problems.Add($"LearningRate must be above 0 and at most 1; it is {LearningRate}.");
        if (Threads is < 1 or > 256) problems.Add($"Threads must be 1 to 256; it is {Threads}.");
        if (ImportanceRepeats is < 1 or > 100) problems.Add($"ImportanceRepeats must be 1 to 100; it is {ImportanceRepeats}.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}
