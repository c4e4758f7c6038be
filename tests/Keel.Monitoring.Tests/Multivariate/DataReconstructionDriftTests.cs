using System.Diagnostics;
using Keel.Data;
using Keel.Monitoring.Multivariate;

namespace Keel.Monitoring.Tests.Multivariate;

public class DataReconstructionDriftTests
{
    /// <summary>
    /// tests/fixtures/make_reconstruction_fixture.py: 600 reference and 400 current rows of four numbers (one with
    /// missing values), a colour with missing values (and, in the current rows, one the reference never saw) and a
    /// boolean, through SimpleImputer, count encoding, StandardScaler and PCA(n_components=0.65) of scikit-learn 1.2.1.
    /// </summary>
    [Fact]
    public void RowAndChunkErrors_EqualScikitLearns_Within1e9()
    {
        using var fixture = MultivariateData.Fixture("reconstruction_sklearn.json");
        var root = fixture.RootElement;
        var reference = MultivariateData.FixtureTable(root.GetProperty("reference"));
        var current = MultivariateData.FixtureTable(root.GetProperty("current"));
        var chunkSize = root.GetProperty("chunk_size").GetInt32();

        var drift = DataReconstructionDrift.Fit(reference);
        var chunks = drift.Calculate(current, chunkSize);
        var referenceChunks = drift.Reference(chunkSize);

        Assert.Equal(root.GetProperty("components").GetInt32(), drift.Components);
        AssertClose(MultivariateData.Doubles(root.GetProperty("explained_variance_ratio")), drift.ExplainedVarianceRatio);
        AssertClose(MultivariateData.Doubles(root.GetProperty("reference_errors")), drift.ReferenceRowErrors);
        AssertClose(MultivariateData.Doubles(root.GetProperty("current_errors")), drift.RowErrors(current));
        AssertClose(MultivariateData.Doubles(root.GetProperty("reference_chunk_errors")), referenceChunks.Select(c => c.Error).ToArray());
        AssertClose(MultivariateData.Doubles(root.GetProperty("current_chunk_errors")), chunks.Select(c => c.Error).ToArray());
        AssertClose(MultivariateData.Doubles(root.GetProperty("current_sampling_errors")), chunks.Select(c => c.SamplingError).ToArray());
        Assert.Equal(root.GetProperty("lower_threshold").GetDouble(), chunks[0].LowerThreshold!.Value, 1e-9);
        Assert.Equal(root.GetProperty("upper_threshold").GetDouble(), chunks[0].UpperThreshold, 1e-9);
        Assert.All(chunks, c => Assert.True(c.Alert, $"chunk {c.Index}: {c.Error} should be above {c.UpperThreshold}"));
        Assert.All(referenceChunks, c => Assert.False(c.Alert));
    }

    /// <summary>
    /// NannyML's motivating example (the "butterfly"): two columns that moved together now move against each other;
    /// neither column's own distribution changes, yet every current chunk's error leaves the reference band while the
    /// reference's own chunks stay inside it.
    /// </summary>
    [Fact]
    public void BrokenCorrelation_WithUnchangedMarginals_RaisesTheErrorAboveTheBand()
    {
        var reference = MultivariateData.Butterfly(5000, rotated: false, seed: 1);
        var current = MultivariateData.Butterfly(3000, rotated: true, seed: 2);

        var drift = DataReconstructionDrift.Fit(reference);
        var referenceChunks = drift.Reference(500);
        var chunks = drift.Calculate(current, 500);

        foreach (var name in new[] { "feature1", "feature2" })
        {
            var before = ((NumericColumn)reference[name]).Values.ToArray();
            var after = ((NumericColumn)current[name]).Values.ToArray();
            Assert.Equal(before.Average(), after.Average(), 0.06);
            Assert.Equal(StandardDeviation(before), StandardDeviation(after), 0.05);
        }
        Assert.Equal(10, referenceChunks.Count);
        Assert.All(referenceChunks, c => Assert.False(c.Alert, $"reference chunk {c.Index}: {c.Error:0.000} outside ({c.LowerThreshold:0.000}, {c.UpperThreshold:0.000})"));
        Assert.Equal(6, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Alert && c.Error > c.UpperThreshold, $"chunk {c.Index}: {c.Error:0.000} inside the band up to {c.UpperThreshold:0.000}"));
        Assert.All(chunks, c => Assert.True(c.LowerConfidence > c.UpperThreshold, "the error's confidence band should clear the threshold"));
    }

    /// <summary>The example in DataReconstructionDrift's XML documentation, on the butterfly.</summary>
    [Fact]
    public void DocumentationExample_PrintsADriftingLineForEveryRotatedChunk()
    {
        var reference = MultivariateData.Butterfly(5000, rotated: false, seed: 1);
        var current = MultivariateData.Butterfly(1000, rotated: true, seed: 2);
        var lines = new List<string>();

        var drift = DataReconstructionDrift.Fit(reference);
        foreach (var chunk in drift.Calculate(current, chunkSize: 500))
            lines.Add($"rows {chunk.Start}-{chunk.Start + chunk.Rows - 1}: error {chunk.Error:0.000}, band up to {chunk.UpperThreshold:0.000}{(chunk.Alert ? ", drift" : "")}");

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("rows 0-499: error ", lines[0]);
        Assert.StartsWith("rows 500-999: error ", lines[1]);
        Assert.All(lines, line => Assert.EndsWith(", drift", line));
    }

    [Fact]
    public void Fit_IsDeterministic_AndDoesNotDependOnColumnOrder()
    {
        using var fixture = MultivariateData.Fixture("reconstruction_sklearn.json");
        var reference = MultivariateData.FixtureTable(fixture.RootElement.GetProperty("reference"));
        var current = MultivariateData.FixtureTable(fixture.RootElement.GetProperty("current"));
        var reordered = reference.Select(["flag", "d", "colour", "a", "c", "b"]);

        var first = DataReconstructionDrift.Fit(reference).RowErrors(current);
        var again = DataReconstructionDrift.Fit(reference).RowErrors(current);
        var shuffled = DataReconstructionDrift.Fit(reordered).RowErrors(current);

        Assert.Equal(first, again);
        AssertClose(first, shuffled);
    }

    [Fact]
    public void Fit_BadOptions_AreRefusedWithEveryProblemInOneMessage()
    {
        var reference = MultivariateData.Butterfly(100, rotated: false, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => DataReconstructionDrift.Fit(reference,
            new DataReconstructionDriftOptions { VarianceKept = 1, BandWidth = 0, Columns = ["feature1", "feature1"] }));

        Assert.Contains("VarianceKept must be between 0 and 1 (exclusive); it is 1.", error.Message);
        Assert.Contains("BandWidth must be above 0 and at most 10; it is 0.", error.Message);
        Assert.Contains("Columns names 'feature1' more than once.", error.Message);
    }

    [Fact]
    public void Calculate_RowsWithoutAReferenceColumn_AreRefusedNamingIt()
    {
        var reference = MultivariateData.Butterfly(1000, rotated: false, seed: 1);
        var current = MultivariateData.Butterfly(1000, rotated: false, seed: 2).Select(["feature1", "feature3", "feature4", "feature5"]);
        var drift = DataReconstructionDrift.Fit(reference);

        var error = Assert.Throws<KeelDataException>(() => drift.Calculate(current, 100));

        Assert.Equal("Column 'feature2' is in the reference but not in these rows.", error.Message);
    }

    [Fact]
    public void Fit_AListedColumnThatIsMissingOrText_IsRefusedNamingEach()
    {
        var reference = MultivariateData.Butterfly(100, rotated: false, seed: 1)
            .WithColumn(new TextColumn("note", Enumerable.Repeat("x", 100).ToArray()));

        var error = Assert.Throws<KeelDataException>(() => DataReconstructionDrift.Fit(reference,
            new DataReconstructionDriftOptions { Columns = ["feature1", "note", "price"] }));

        Assert.Contains("Column 'note' is text in the reference; only numeric, categorical and boolean columns can be compared.", error.Message);
        Assert.Contains("Column 'price' is not in the reference.", error.Message);
    }

    [Fact]
    public void Thresholds_FromASingleReferenceChunk_AreRefusedWithWhatToDo()
    {
        var drift = DataReconstructionDrift.Fit(MultivariateData.Butterfly(800, rotated: false, seed: 1));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => drift.Thresholds(1000));

        Assert.Contains("Use a smaller chunk size", error.Message);
    }

    /// <summary>The bar: fitting on 100,000 rows × 20 columns takes seconds, not minutes (0.3 to 0.6 s in a release build on a busy 2-core machine).</summary>
    [Fact]
    public void Fit_OnAHundredThousandRowsOfTwentyColumns_TakesSeconds()
    {
        var random = new Random(7);
        const int rows = 100_000;
        var shared = new double[rows];
        for (var i = 0; i < rows; i++) shared[i] = random.NextDouble();
        var columns = new List<Column>();
        for (var j = 0; j < 16; j++)
        {
            var x = new double[rows];
            for (var i = 0; i < rows; i++) x[i] = (j % 2 == 0 ? shared[i] : 0) + random.NextDouble();
            columns.Add(new NumericColumn($"x{j}", x));
        }
        for (var j = 0; j < 3; j++)
        {
            var codes = new int[rows];
            for (var i = 0; i < rows; i++) codes[i] = random.NextDouble() < 0.02 ? -1 : (int)(shared[i] * 4.99);
            columns.Add(new CategoricalColumn($"c{j}", codes, ["a", "b", "c", "d", "e"]));
        }
        var flag = new byte[rows];
        for (var i = 0; i < rows; i++) flag[i] = shared[i] > 0.5 ? (byte)1 : (byte)0;
        columns.Add(new BooleanColumn("flag", flag));
        var table = new Table(columns);

        var clock = Stopwatch.StartNew();
        var drift = DataReconstructionDrift.Fit(table);
        var chunks = drift.Calculate(table, 10_000);
        clock.Stop();

        Assert.Equal(20, drift.Columns.Count);
        Assert.Equal(10, chunks.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"fit and calculate took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9, $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
