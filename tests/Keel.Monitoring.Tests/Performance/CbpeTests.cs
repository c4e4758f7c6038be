using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Trainers;
using Keel.Monitoring.Performance;

namespace Keel.Monitoring.Tests.Performance;

public class CbpeTests
{
    private static readonly double[] ReferenceP = [0.9, 0.2, 0.6, 0.4, 0.7, 0.1];
    private static readonly int[] ReferenceY = [1, 0, 1, 0, 0, 0];

    /// <summary>NannyML's definitions worked by hand on p = 0.9, 0.2, 0.6, 0.4 with threshold 0.5 and no calibration.</summary>
    [Fact]
    public void Estimate_FollowsTheExpectedConfusionMatrix()
    {
        var cbpe = Cbpe.Fit(ReferenceP, ReferenceY, chunkSize: 3, new CbpeOptions { Calibration = CalibrationChoice.Never });

        var confusion = cbpe.ExpectedConfusion([0.9, 0.2, 0.6, 0.4]);
        var metrics = cbpe.Estimate([0.9, 0.2, 0.6, 0.4]);

        Assert.Equal(1.5, confusion.TruePositives, 12);   // 0.9 + 0.6
        Assert.Equal(0.5, confusion.FalsePositives, 12);  // 0.1 + 0.4
        Assert.Equal(1.4, confusion.TrueNegatives, 12);   // 0.8 + 0.6
        Assert.Equal(0.6, confusion.FalseNegatives, 12);  // 0.2 + 0.4
        Assert.Equal(0.725, metrics["accuracy"], 12);
        Assert.Equal(0.75, metrics["precision"], 12);
        Assert.Equal(1.5 / 2.1, metrics["recall"], 12);
        Assert.Equal(3 / 4.1, metrics["f1"], 12);
        // Descending: (fp, tp) = (0.1, 0.9), (0.5, 1.5), (1.1, 1.9), (1.9, 2.1); trapezoids sum to 3.145 over P·N = 2.1 × 1.9.
        Assert.Equal(3.145 / 3.99, metrics["roc_auc"], 12);
    }

    [Fact]
    public void Fit_BadOptionsAndLabels_AreRefusedWithWhatToDo()
    {
        var options = Assert.Throws<ArgumentException>(() => Cbpe.Fit(ReferenceP, ReferenceY, 3, new CbpeOptions { Threshold = 1.5, Folds = 1 }));
        var oneClass = Assert.Throws<ArgumentException>(() => Cbpe.Fit([0.2, 0.3], [0, 0], 1));

        Assert.Contains("Threshold must be between 0 and 1", options.Message);
        Assert.Contains("Folds must be 2 to 20", options.Message);
        Assert.Contains("both classes", oneClass.Message);
    }

    [Fact]
    public void Chunks_OfCalibratedScores_TrackTheRealizedAccuracy()
    {
        var random = new Random(3);
        (double[] P, int[] Y) Draw(int n, double shift)
        {
            var p = Enumerable.Range(0, n).Select(_ => Math.Clamp(random.NextDouble() * (1 - shift) + shift * random.NextDouble() * random.NextDouble(), 0, 1)).ToArray();
            return (p, p.Select(v => random.NextDouble() < v ? 1 : 0).ToArray());
        }
        var (refP, refY) = Draw(5000, 0);
        var cbpe = Cbpe.Fit(refP, refY, chunkSize: 1000);
        var (curP, curY) = Draw(5000, 0.8);

        var chunks = cbpe.Chunks(curP, curY);

        Assert.Equal(5, chunks.Count);
        foreach (var chunk in chunks) Assert.Equal(chunk.Realized!["accuracy"], chunk.Metrics["accuracy"], 0.04);
    }

    /// <summary>
    /// The issue's check: a model of Adult, a current window drawn with more older and more educated people (a shift
    /// that grows from chunk to chunk), chunks of 1,000 rows: CBPE's estimated accuracy within 0.02 of the realized one
    /// on average.
    /// </summary>
    [Fact]
    public void Adult_UnderCovariateShift_EstimatedAccuracyIsWithinTwoPointsOfTheRealized()
    {
        var table = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "adult.data"));
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        new Random(11).Shuffle(order);
        var train = table.Take(order[..12000]);
        var reference = table.Take(order[12000..20000]);
        var pool = order[20000..];
        var target = Target.Detect(train, "column15");
        var model = new LightGbmTrainer { Iterations = 150 }.Fit(train, target, new TrainingContext { Seed = 1 });

        var age = (NumericColumn)table["column1"];
        var education = (NumericColumn)table["column5"];
        var shifted = pool.Where(r => age.Values[r] > 45 || education.Values[r] >= 13).ToArray();
        var rest = pool.Except(shifted).ToArray();
        var draw = new Random(5);
        var current = new List<int>();
        for (var chunk = 0; chunk < 6; chunk++)
        {
            var share = 0.25 + 0.12 * chunk;   // the shifted group's share grows from 25 % to 85 %
            for (var i = 0; i < 1000; i++)
                current.Add(draw.NextDouble() < share ? shifted[draw.Next(shifted.Length)] : rest[draw.Next(rest.Length)]);
        }
        var currentRows = table.Take([.. current]);
        var referenceP = model.Predict(reference).PositiveProbabilities();
        var referenceY = target.Encode(reference).Select(v => (int)v).ToArray();
        var currentP = model.Predict(currentRows).PositiveProbabilities();
        var currentY = target.Encode(currentRows).Select(v => (int)v).ToArray();

        var chunks = Cbpe.Fit(referenceP, referenceY, chunkSize: 1000).Chunks(currentP, currentY);

        Assert.Equal(6, chunks.Count);
        var errors = chunks.Select(c => Math.Abs(c.Metrics["accuracy"] - c.Realized!["accuracy"])).ToArray();
        Assert.True(errors.Average() <= 0.02, $"mean absolute error {errors.Average():0.0000}: {string.Join(", ", chunks.Select(c => $"{c.Metrics["accuracy"]:0.000}/{c.Realized!["accuracy"]:0.000}"))}");
        Assert.True(chunks[^1].Realized!["accuracy"] < chunks[0].Realized!["accuracy"] - 0.03, "the shift should lower the realized accuracy");
    }
}
