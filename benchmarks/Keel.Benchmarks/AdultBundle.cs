using Keel.Data;
using Keel.Data.Io;
using Keel.Data.Profiling;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>The 15 Adult columns, all 14 inputs as features (the serving peers use the same 14).</summary>
    internal static readonly string[] AdultColumns =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
        "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];

    /// <summary>
    /// Writes the model the serving benchmark serves: Keel's LightGBM trainer, --iterations (default 500) trees of 31
    /// leaves, learning rate 0.05, on all of Adult with its 14 inputs; saved as a .keel bundle.
    /// </summary>
    public static int AdultBundle(string path, string output, string[] args)
    {
        var iterations = int.Parse(Option(args, "--iterations") ?? "500", System.Globalization.CultureInfo.InvariantCulture);
        var table = CsvTableReader.Read(path, new CsvReadOptions { HasHeader = false, ColumnNames = AdultColumns });
        var target = Target.Detect(table, "income");
        Console.Error.WriteLine($"training {iterations} trees on {table.RowCount} Adult rows");
        var model = new LightGbmTrainer { Iterations = iterations }.Fit(table, target, new TrainingContext { Seed = 42 });
        new ModelBundle
        {
            Manifest = BundleManifest.For(model, "adult", model.Trainer,
                new TrainingData(Path.GetFileName(path), DataFingerprint.Compute(table), table.RowCount, table.RowCount, 0), DateTimeOffset.UnixEpoch) with { Seed = 42 },
            Model = model,
            Profile = DataProfile.Build(table),
        }.Save(output);
        Emit(new { mode = "adult-bundle", output, trees = ((TreeEnsemble)model.Predictor).Trees.Length, inputs = model.Features.Encodings.Count });
        return 0;
    }
}
