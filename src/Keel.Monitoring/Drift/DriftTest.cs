using Keel.Data;

namespace Keel.Monitoring.Drift;

/// <summary>
/// A batch drift test of one column: a pure function of the reference and current values that returns a
/// <see cref="ColumnDriftResult"/>. Each test matches the Evidently stat test of the same name
/// (<c>evidently/legacy/calculations/stattests/</c>), with SciPy 1.10's numbers where Evidently calls SciPy.
/// </summary>
/// <remarks>
/// The names a user types (<see cref="Names"/>): <c>ks</c>, <c>psi</c>, <c>wasserstein</c>, <c>jensenshannon</c>,
/// <c>chisquare</c>, <c>z</c>, <c>hellinger</c>, <c>tvd</c>, <c>anderson</c>; case does not matter.
/// </remarks>
public abstract class DriftTest
{
    private protected DriftTest() { }

    /// <summary>Every test, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<DriftTest> All { get; } =
    [
        new KolmogorovSmirnovTest(), new PsiTest(), new WassersteinTest(), new JensenShannonTest(), new ChiSquareTest(),
        new ZTest(), new HellingerTest(), new TotalVariationTest(), new AndersonDarlingTest(),
    ];

    /// <summary>The test names a user can type.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToArray();

    /// <summary>The name a user types.</summary>
    public abstract string Name { get; }

    public abstract DriftScoreKind ScoreKind { get; }

    /// <summary>Evidently's default threshold for the test.</summary>
    public abstract double DefaultThreshold { get; }

    /// <summary>The column kinds the test may be chosen for by name (Evidently's allowed feature types).</summary>
    public abstract IReadOnlyList<DriftColumnKind> ColumnKinds { get; }

    /// <summary>The test with this name (case-insensitive), or null.</summary>
    public static DriftTest? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a score shows drift: a p-value below the threshold, a distance at or above it.</summary>
    public virtual bool IsDrift(double score, double threshold) =>
        ScoreKind == DriftScoreKind.PValue ? score < threshold : score >= threshold;

    /// <summary>
    /// Tests one column: the reference and current columns must have the same type (numeric, categorical or
    /// boolean) and a kind the test applies to. Missing values are left out and counted.
    /// </summary>
    /// <param name="threshold">The threshold; null means <see cref="DefaultThreshold"/>.</param>
    public ColumnDriftResult Run(Column reference, Column current, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var t = threshold ?? DefaultThreshold;
        var problem = ThresholdProblem(reference.Name, t);
        if (problem is not null) throw new KeelDataException(problem);
        if (ColumnSample.KindOf(reference.Type) is { } kind && reference.Type == current.Type && !ColumnKinds.Contains(kind))
            throw new KeelDataException(NotApplicable(reference.Name, kind));
        return Compute(ColumnSample.Build(reference, current), t);
    }

    internal abstract ColumnDriftResult Compute(ColumnSample sample, double threshold);

    /// <summary>What is wrong with a threshold for this test, or null.</summary>
    internal string? ThresholdProblem(string column, double threshold)
    {
        if (ScoreKind == DriftScoreKind.PValue && !(threshold > 0 && threshold < 1))
            return $"The threshold of column '{column}' ({Name}, a p-value test) must be between 0 and 1 exclusive; it is {threshold}.";
        if (ScoreKind == DriftScoreKind.Distance && !(threshold > 0 && double.IsFinite(threshold)))
            return $"The threshold of column '{column}' ({Name}, a distance) must be a positive number; it is {threshold}.";
        return null;
    }

    internal string NotApplicable(string column, DriftColumnKind kind) =>
        $"Column '{column}' is {kind.ToString().ToLowerInvariant()}, and the {Name} test applies to {string.Join(" and ", ColumnKinds.Select(k => k.ToString().ToLowerInvariant()))} columns only; " +
        $"for a {kind.ToString().ToLowerInvariant()} column use one of {string.Join(", ", All.Where(t => t.ColumnKinds.Contains(kind)).Select(t => t.Name))}.";

    /// <summary>The result record, with the drift decision of this test.</summary>
    private protected ColumnDriftResult Result(ColumnSample sample, double statistic, double? pValue, double threshold, DriftBins? bins = null, string? note = null) => new()
    {
        Column = sample.Column,
        Test = Name,
        ColumnKind = sample.Kind,
        ScoreKind = ScoreKind,
        Statistic = statistic,
        PValue = pValue,
        Threshold = threshold,
        Drifted = IsDrift(pValue ?? statistic, threshold),
        ReferenceCount = sample.ReferenceCount,
        CurrentCount = sample.CurrentCount,
        ReferenceMissing = sample.ReferenceMissing,
        CurrentMissing = sample.CurrentMissing,
        Bins = bins,
        Note = note,
    };
}
