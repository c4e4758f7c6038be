using System.Text.RegularExpressions;
using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Learn.Import;
using Keel.Learn.Native;

namespace Keel.Learn.Tests.Import;

/// <summary>
/// A LightGBM model trained outside Keel (here: by LightGBM's C API on data with missing values), imported the way
/// <c>keel import --lightgbm</c> imports it, predicts what LightGBM itself predicts.
/// </summary>
public sealed class LightGbmImportTests : IDisposable
{
    private static readonly string[] Names = ["age", "income", "visits", "score", "flag"];

    private readonly string _folder = Directory.CreateTempSubdirectory("keel-import-lgbm-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Five numeric features, about 10 % missing, and labels for each task.</summary>
    private static (float[] X, int Rows, float[] Labels) Data(TaskKind task, int rows = 1000, int seed = 11)
    {
        var random = new Random(seed);
        var x = new float[rows * Names.Length];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < Names.Length; j++)
                x[i * Names.Length + j] = random.NextDouble() < 0.1 ? float.NaN : j == 4 ? random.Next(2) : (float)(random.NextDouble() * 10 - 3);
            var a = float.IsNaN(x[i * Names.Length]) ? 1 : x[i * Names.Length];
            var b = float.IsNaN(x[i * Names.Length + 1]) ? -2 : x[i * Names.Length + 1];
            var signal = a - 0.5 * b + (random.NextDouble() - 0.5) * 3;
            labels[i] = task switch
            {
                TaskKind.Binary => signal > 0 ? 1 : 0,
                TaskKind.Multiclass => signal < -1 ? 0 : signal < 2 ? 1 : 2,
                _ => (float)(signal * 3 + 10),
            };
        }
        return (x, rows, labels);
    }

    private static string Parameters(TaskKind task) => task switch
    {
        TaskKind.Binary => "objective=binary",
        TaskKind.Multiclass => "objective=multiclass num_class=3",
        _ => "objective=regression",
    } + " num_leaves=15 learning_rate=0.1 min_data_in_leaf=10 deterministic=true force_row_wise=true num_threads=1 seed=3 verbosity=-1";

    /// <summary>LightGBM's model text with the feature names a Python user would have given.</summary>
    private static string Train(TaskKind task, float[] x, int rows, float[] labels, string extra = "")
    {
        using var booster = LightGbmBooster.Create(x, rows, Names.Length, labels, null, Parameters(task) + extra);
        for (var i = 0; i < 30; i++) booster.UpdateOneIteration();
        var text = booster.SaveModelText();
        return Regex.Replace(text, "^feature_names=.*$", "feature_names=" + string.Join(' ', Names), RegexOptions.Multiline);
    }

    private static Table AsTable(float[] x, int rows) =>
        new(Names.Select((name, j) => (Column)new NumericColumn(name, Enumerable.Range(0, rows).Select(i => (double)x[i * Names.Length + j]).ToArray())).ToArray());

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void Import_SavedBundle_PredictsWhatLightGbmPredicts(TaskKind task)
    {
        var (x, rows, labels) = Data(task);
        var text = Train(task, x, rows, labels);
        var outputs = task == TaskKind.Multiclass ? 3 : 1;
        using var booster = LightGbmBooster.FromModelText(text);
        var expected = booster.Predict(x, rows, Names.Length, LightGbmNative.PredictNormal, outputs);

        var imported = LightGbmModelFile.Parse(text, "model.txt");
        var path = Path.Combine(_folder, "imported.keel");
        ModelImport.Build(imported, new ModelImportOptions { Label = "y" }).Save(path);
        var predictions = ModelBundle.Load(path).Model.Predict(AsTable(x, rows));

        Assert.Equal(Names, imported.FeatureNames);
        Assert.Equal(task, predictions.Task);
        for (var i = 0; i < rows; i++)
        {
            if (task == TaskKind.Regression) Assert.Equal(expected[i], predictions.Values![i], 1e-9);
            else if (task == TaskKind.Binary) Assert.Equal(expected[i], predictions.Probability(i, 1), 1e-12);
            else for (var k = 0; k < 3; k++) Assert.Equal(expected[i * 3 + k], predictions.Probability(i, k), 1e-12);
        }
    }

    [Fact]
    public void Import_Manifest_SaysLightGbmImported()
    {
        var (x, rows, labels) = Data(TaskKind.Binary, 300);

        var bundle = ModelImport.Build(LightGbmModelFile.Parse(Train(TaskKind.Binary, x, rows, labels)), new ModelImportOptions { Classes = ["stay", "leave"] });

        Assert.Equal("LightGbm (imported)", bundle.Manifest.Trainer);
        Assert.Equal(["stay", "leave"], bundle.Manifest.Classes);
        Assert.Equal(Names, bundle.Manifest.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void Parse_ZeroAsMissing_IsRefusedNamingTheTree()
    {
        var (x, rows, labels) = Data(TaskKind.Binary, 500);
        for (var i = 0; i < x.Length; i += 3) if (float.IsNaN(x[i])) x[i] = 0;
        var text = Train(TaskKind.Binary, x, rows, labels, " zero_as_missing=true");

        var e = Assert.Throws<KeelLearnException>(() => LightGbmModelFile.Parse(text, "zero.txt"));

        Assert.Contains("zero.txt: tree 0 treats zero as missing", e.Message);
        Assert.Contains("zero_as_missing=false", e.Message);
    }

    [Fact]
    public void Parse_UnsupportedObjective_IsRefusedNamingTheFile()
    {
        var (x, rows, labels) = Data(TaskKind.Regression, 300);
        var text = Train(TaskKind.Regression, x, rows, labels).Replace("objective=regression", "objective=lambdarank");

        var e = Assert.Throws<KeelLearnException>(() => LightGbmModelFile.Parse(text, "rank.txt"));

        Assert.StartsWith("rank.txt: LightGBM objective 'lambdarank' is not supported", e.Message);
    }

    [Fact]
    public void Parse_NotAModel_IsRefused()
    {
        var e = Assert.Throws<KeelLearnException>(() => LightGbmModelFile.Parse("hello\nworld", "notes.txt"));

        Assert.StartsWith("notes.txt: Not a LightGBM model text", e.Message);
    }
}
