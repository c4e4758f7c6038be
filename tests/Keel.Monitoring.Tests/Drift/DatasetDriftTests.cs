using Keel.Data;
using Keel.Monitoring.Drift;

namespace Keel.Monitoring.Tests.Drift;

public class DatasetDriftTests
{
    private static NumericColumn Normal(string name, int rows, double shift, int seed)
    {
        var random = new Random(seed);
        return new NumericColumn(name, Enumerable.Range(0, rows).Select(_ => random.NextDouble() + random.NextDouble() + random.NextDouble() + shift).ToArray());
    }

    private static CategoricalColumn Labels(string name, int rows, int seed, double skew = 1)
    {
        var random = new Random(seed);
        return CategoricalColumn.FromStrings(name, Enumerable.Range(0, rows).Select(_ => "c" + (int)(Math.Pow(random.NextDouble(), skew) * 6)).ToArray());
    }

    /// <summary>Three columns: "moved" shifted by a lot, "same" and "plan" not moved.</summary>
    private static (Table Reference, Table Current) ThreeColumns(int rows = 400) => (
        new Table([Normal("moved", rows, 0, 1), Normal("same", rows, 0, 2), Labels("plan", rows, 3)]),
        new Table([Normal("moved", rows, 0.5, 4), Normal("same", rows, 0, 5), Labels("plan", rows, 6)]));

    [Fact]
    public void Detect_TestsEveryColumn_AndDecidesByTheShareThatDrifted()
    {
        var (reference, current) = ThreeColumns();

        var drift = DatasetDrift.Detect(reference, current);

        Assert.Equal(["moved", "same", "plan"], drift.Columns.Select(c => c.Column));
        Assert.Equal(["ks", "ks", "chisquare"], drift.Columns.Select(c => c.Test));
        Assert.Equal([true, false, false], drift.Columns.Select(c => c.Drifted));
        Assert.Equal(1, drift.DriftedColumns);
        Assert.Equal(1.0 / 3, drift.DriftedShare);
        Assert.False(drift.Drifted); // 1/3 < 0.5
    }

    [Fact]
    public void DriftShare_IsTheShareOfDriftedColumnsThatMakesTheDataSetDrift()
    {
        var (reference, current) = ThreeColumns();

        Assert.True(DatasetDrift.Detect(reference, current, new DatasetDriftOptions { DriftShare = 1.0 / 3 }).Drifted);
        Assert.False(DatasetDrift.Detect(reference, current, new DatasetDriftOptions { DriftShare = 0.34 }).Drifted);
    }

    [Fact]
    public void ColumnTests_OverrideTheDefault_ByNameInAnyCase()
    {
        var (reference, current) = ThreeColumns();

        var drift = DatasetDrift.Detect(reference, current, new DatasetDriftOptions
        {
            ColumnTests = new Dictionary<string, string> { ["same"] = "PSI", ["plan"] = "tvd" },
            NumericTest = "anderson",
        });

        Assert.Equal(["anderson", "psi", "tvd"], drift.Columns.Select(c => c.Test));
        Assert.Equal(new PsiTest().Run(reference["same"], current["same"]), drift["same"]);
    }

    [Fact]
    public void Thresholds_PerColumnAndForAll_DecideDrift()
    {
        var (reference, current) = ThreeColumns();
        var psi = new PsiTest().Run(reference["moved"], current["moved"]).Statistic;

        var strict = DatasetDrift.Detect(reference, current, new DatasetDriftOptions { NumericTest = "psi", ColumnThresholds = new Dictionary<string, double> { ["moved"] = psi * 1.01 } });
        var loose = DatasetDrift.Detect(reference, current, new DatasetDriftOptions { NumericTest = "psi", CategoricalTest = "psi", Threshold = psi });

        Assert.False(strict["moved"].Drifted);
        Assert.Equal(psi * 1.01, strict["moved"].Threshold);
        Assert.Equal(0.1, strict["same"].Threshold); // PSI's default
        Assert.True(loose["moved"].Drifted); // at the threshold counts as drift for a distance
        Assert.Equal(psi, loose["same"].Threshold);
    }

    [Fact]
    public void KolmogorovSmirnov_DriftsAtAPValueEqualToTheThreshold_OtherTestsBelowIt()
    {
        var (reference, current) = ThreeColumns();
        var ks = new KolmogorovSmirnovTest().Run(reference["same"], current["same"]);
        var chi = new ChiSquareTest().Run(reference["plan"], current["plan"]);

        Assert.True(new KolmogorovSmirnovTest().Run(reference["same"], current["same"], ks.PValue).Drifted);
        Assert.False(new ChiSquareTest().Run(reference["plan"], current["plan"], chi.PValue).Drifted);
    }

    [Fact]
    public void Bonferroni_MultipliesPValuesByTheirNumber_AndLeavesDistancesAlone()
    {
        var (reference, current) = ThreeColumns();
        var options = new DatasetDriftOptions { ColumnTests = new Dictionary<string, string> { ["plan"] = "jensenshannon" } };
        var raw = DatasetDrift.Detect(reference, current, options);

        var corrected = DatasetDrift.Detect(reference, current, options with { Correction = MultipleTestingCorrection.Bonferroni });

        foreach (var name in new[] { "moved", "same" })
        {
            Assert.Equal(raw[name].PValue, corrected[name].PValue);
            Assert.Equal(Math.Min(1, raw[name].PValue!.Value * 2), corrected[name].AdjustedPValue);
            Assert.Equal(corrected[name].AdjustedPValue, corrected[name].Score);
        }
        Assert.Null(corrected["plan"].AdjustedPValue);
        Assert.Equal(raw["plan"], corrected["plan"]);
        Assert.Equal(MultipleTestingCorrection.Bonferroni, corrected.Correction);
    }

    [Fact]
    public void Correction_CanTurnADriftIntoNone()
    {
        // Eight unmoved columns and one p-value just under 0.05: Bonferroni over nine tests lifts it above.
        var columns = Enumerable.Range(0, 9).Select(i => i).ToArray();
        var reference = new Table(columns.Select(i => (Column)Normal("c" + i, 300, 0, 10 + i)).ToArray());
        var current = new Table(columns.Select(i => (Column)Normal("c" + i, 300, 0, 30 + i)).ToArray());
        var raw = DatasetDrift.Detect(reference, current, new DatasetDriftOptions { Threshold = 0.5 });
        var smallest = raw.Columns.MinBy(c => c.PValue)!;

        var corrected = DatasetDrift.Detect(reference, current, new DatasetDriftOptions { Threshold = 0.5, Correction = MultipleTestingCorrection.Bonferroni });

        Assert.True(smallest.Drifted);
        Assert.True(smallest.PValue * 9 > 0.5);
        Assert.False(corrected[smallest.Column].Drifted);
    }

    [Fact]
    public void BenjaminiHochberg_AdjustsByRank_StepUp()
    {
        // Sorted: 0.001, 0.01, 0.03, 0.04, 0.2 → ×5/rank: 0.005, 0.025, 0.05, 0.05, 0.2, then the running minimum from the top.
        var adjusted = PValueCorrection.Adjust([0.01, 0.04, 0.03, 0.2, 0.001], MultipleTestingCorrection.BenjaminiHochberg);

        Assert.Equal([0.025, 0.05, 0.05, 0.2, 0.005], adjusted.Select(p => Math.Round(p, 12)));
        Assert.Equal([0.05, 0.2, 0.15, 1.0, 0.005], PValueCorrection.Adjust([0.01, 0.04, 0.03, 0.2, 0.001], MultipleTestingCorrection.Bonferroni).Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void BenjaminiHochberg_IsAppliedToTheRunsPValueTests()
    {
        var (reference, current) = ThreeColumns();
        var raw = DatasetDrift.Detect(reference, current);

        var corrected = DatasetDrift.Detect(reference, current, new DatasetDriftOptions { Correction = MultipleTestingCorrection.BenjaminiHochberg });

        var expected = PValueCorrection.Adjust(raw.Columns.Select(c => c.PValue!.Value).ToArray(), MultipleTestingCorrection.BenjaminiHochberg);
        Assert.Equal(expected, corrected.Columns.Select(c => c.AdjustedPValue!.Value));
    }

    [Fact]
    public void MissingValues_AreLeftOutAndCounted()
    {
        static ColumnDriftResult Drift(Column reference, Column current) =>
            DatasetDrift.Detect(new Table([reference]), new Table([current])).Columns[0];
        var values = new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
        var withGaps = new double[] { 1, double.NaN, 2, 3, double.PositiveInfinity, 4, 5, 6, 7, 8, 9, 10, 11, double.NegativeInfinity, 12 };
        var shifted = new NumericColumn("n", values.Select(v => v + 3).ToArray());
        var labels = CategoricalColumn.FromStrings("c", ["a", "b", "a", "c", "b", "a"]);
        var labelsWithGaps = CategoricalColumn.FromStrings("c", ["a", null, "b", "a", "c", null, "b", "a"]);

        var numeric = Drift(new NumericColumn("n", withGaps), shifted);
        var categorical = Drift(labelsWithGaps, labels);
        var boolean = Drift(new BooleanColumn("b", [0, BooleanColumn.Missing, 1, 1]), new BooleanColumn("b", [1, 1, BooleanColumn.Missing, 0]));

        Assert.Equal((3, 0), (numeric.ReferenceMissing, numeric.CurrentMissing));
        Assert.Equal((2, 0), (categorical.ReferenceMissing, categorical.CurrentMissing));
        Assert.Equal((1, 1), (boolean.ReferenceMissing, boolean.CurrentMissing));
        Assert.Equal(Drift(new NumericColumn("n", values), shifted), numeric with { ReferenceMissing = 0 });
        Assert.Equal(Drift(labels, labels), categorical with { ReferenceMissing = 0 });
        Assert.Equal(Drift(new BooleanColumn("b", [0, 1, 1]), new BooleanColumn("b", [1, 1, 0])), boolean with { ReferenceMissing = 0, CurrentMissing = 0 });
    }

    [Fact]
    public void AColumnWithOnlyMissingValues_IsRefusedWithItsName()
    {
        var error = Assert.Throws<KeelDataException>(() => DatasetDrift.Detect(
            new Table([new NumericColumn("income", [double.NaN, double.NaN]), new NumericColumn("age", [1, 2])]),
            new Table([new NumericColumn("income", [1, 2]), new NumericColumn("age", [1, 2])])));

        Assert.Contains("'income'", error.Message);
        Assert.Contains("reference", error.Message);
    }

    [Fact]
    public void TypeMismatch_IsRefusedWithTheColumnsName()
    {
        var error = Assert.Throws<KeelDataException>(() => DatasetDrift.Detect(
            new Table([new NumericColumn("zip", [1, 2, 3])]),
            new Table([CategoricalColumn.FromStrings("zip", ["1", "2", "3"])])));

        Assert.Contains("Column 'zip' is numeric in the reference data but categorical in the current data", error.Message);
    }

    [Fact]
    public void Problems_AreReportedTogetherInOneError()
    {
        var (reference, current) = ThreeColumns(50);

        var error = Assert.Throws<KeelDataException>(() => DatasetDrift.Detect(reference, current, new DatasetDriftOptions
        {
            Columns = ["moved", "plan", "gone"],
            ColumnTests = new Dictionary<string, string> { ["moved"] = "t-test", ["plan"] = "ks", ["same"] = "psi" },
            ColumnThresholds = new Dictionary<string, double> { ["plan"] = 2 },
            DriftShare = 0,
        }));

        Assert.Contains("DriftShare must be in (0, 1]", error.Message);
        Assert.Contains("The test 't-test' of column 'moved' is not a drift test; use one of ks, psi, wasserstein, jensenshannon, chisquare, z, hellinger, tvd, anderson.", error.Message);
        Assert.Contains("Column 'plan' is categorical, and the ks test applies to numeric columns only; for a categorical column use one of psi, jensenshannon, chisquare, z, hellinger, tvd.", error.Message);
        Assert.Contains("Column 'gone' is not in the reference or the current data.", error.Message);
        Assert.Contains("column 'same', which is not among the columns tested", error.Message);
    }

    [Fact]
    public void ThresholdOutsideAPValueTestsRange_IsRefused()
    {
        var (reference, current) = ThreeColumns(50);

        var named = Assert.Throws<KeelDataException>(() => DatasetDrift.Detect(reference, current, new DatasetDriftOptions { NumericTest = "ks", Threshold = 1.5 }));
        var byDefault = Assert.Throws<KeelDataException>(() => DatasetDrift.Detect(reference, current, new DatasetDriftOptions { Threshold = 1.5 }));

        Assert.Contains("The threshold of column 'moved' (ks, a p-value test) must be between 0 and 1 exclusive; it is 1.5.", named.Message);
        Assert.Contains("The threshold of column 'moved' must be between 0 and 1 exclusive, because the default rule may test it with a p-value test; it is 1.5.", byDefault.Message);
        Assert.Equal(1.5, DatasetDrift.Detect(reference, current, new DatasetDriftOptions { NumericTest = "wasserstein", CategoricalTest = "psi", Threshold = 1.5 })["moved"].Threshold);
    }

    [Fact]
    public void Run_RefusesATestThatDoesNotApplyToTheColumn()
    {
        var error = Assert.Throws<KeelDataException>(() => new WassersteinTest().Run(Labels("plan", 10, 1), Labels("plan", 10, 2)));

        Assert.Contains("Column 'plan' is categorical, and the wasserstein test applies to numeric columns only", error.Message);
    }

    [Fact]
    public void DefaultColumns_SkipIdsIgnoredTextAndDates()
    {
        var columns = new Column[]
        {
            new NumericColumn("id", [1, 2, 3]), new NumericColumn("age", [30, 40, 50]), new TextColumn("note", ["a", "b", "c"]),
            new DateTimeColumn("at", [1, 2, 3]), new NumericColumn("junk", [1, 2, 3]), new BooleanColumn("flag", [0, 1, 0]),
        };
        var table = new Table(columns).WithRole("id", ColumnRole.Id).WithRole("junk", ColumnRole.Ignore);

        var drift = DatasetDrift.Detect(table, table);

        Assert.Equal(["age", "flag"], drift.Columns.Select(c => c.Column));
        Assert.Throws<KeelDataException>(() => DatasetDrift.Detect(table, table, new DatasetDriftOptions { Columns = ["note"] }));
    }

    [Fact]
    public void Results_DoNotDependOnTheThreadCount()
    {
        var (reference, current) = ThreeColumns();
        var options = new DatasetDriftOptions { ColumnTests = new Dictionary<string, string> { ["plan"] = "tvd" } };

        var one = DatasetDrift.Detect(reference, current, options with { Threads = 1 });
        var four = DatasetDrift.Detect(reference, current, options with { Threads = 4 });

        Assert.Equal(one.Columns, four.Columns, (a, b) => a.Column == b.Column && a.Statistic.Equals(b.Statistic) && Nullable.Equals(a.PValue, b.PValue) && a.Drifted == b.Drifted);
    }

    [Fact]
    public void BinnedTests_ReportTheirBins()
    {
        var (reference, current) = ThreeColumns();

        var psi = new PsiTest().Run(reference["moved"], current["moved"]);
        var chi = new ChiSquareTest().Run(reference["plan"], current["plan"]);

        Assert.Equal(psi.Bins!.ReferenceShares.Count + 1, psi.Bins.Edges!.Count); // Sturges bins over 800 values: 11
        Assert.Equal(11, psi.Bins.ReferenceShares.Count);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5"], chi.Bins!.Categories);
        Assert.Equal(1.0, chi.Bins.CurrentShares.Sum(), 12);
        Assert.Null(new KolmogorovSmirnovTest().Run(reference["moved"], current["moved"]).Bins);
    }

    [Fact]
    public void ConstantColumns_AreNotDrifted_WithANote()
    {
        var constant = new NumericColumn("x", [5, 5, 5, 5]);
        var single = CategoricalColumn.FromStrings("x", ["a", "a"]);

        var ad = new AndersonDarlingTest().Run(constant, constant);
        var chi = new ChiSquareTest().Run(single, single);

        Assert.Equal((1.0, false), (ad.PValue!.Value, ad.Drifted));
        Assert.NotNull(ad.Note);
        Assert.Equal((1.0, false), (chi.PValue!.Value, chi.Drifted));
        Assert.Equal(0.0, new WassersteinTest().Run(constant, constant).Statistic);
    }
}
