using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Learn.Selection;
using Keel.Learn.Tests.Trainers;
using Keel.Learn.Trainers;
using Keel.Learn.Training;

namespace Keel.Learn.Tests.Training;

public sealed class TrainingRecipeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keel-recipe-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrainingOutcome Train(Table data, ITrainer candidate) => TrainingJob.Run(data, new TrainingJobOptions
    {
        Label = "Churn",
        Seed = 7,
        TestFraction = 0.25,
        BootstrapResamples = 10,
        Source = "telco.csv",
        Reading = new DataReading { Separator = ',', Roles = new Dictionary<string, ColumnRole> { ["gender"] = ColumnRole.Sensitive } },
        Selection = new SelectionOptions { Folds = 2, Threads = 1, Candidates = [candidate] },
    });

    [Fact]
    public void TrainingJob_SavesTheRecipe_AndItLoadsBackEqual()
    {
        var (data, _) = TrainerCases.Data(TaskKind.Binary, 400);
        var bundle = Train(data, new LightGbmTrainer { Iterations = 10 }).Bundle;
        var path = Path.Combine(_folder, "m.keel");
        bundle.Save(path);

        var recipe = ModelBundle.Load(path).Recipe!;

        Assert.Equal("Churn", recipe.Label);
        Assert.Equal(TaskKind.Binary, recipe.Task);
        Assert.Equal("Yes", recipe.PositiveClass);
        Assert.Equal("LightGbm", recipe.Trainer);
        Assert.Equal(new LightGbmTrainer { Iterations = 10 }.Parameters.OrderBy(p => p.Key), recipe.Parameters.OrderBy(p => p.Key));
        Assert.Equal((7, 0.25, 1), (recipe.Seed, recipe.TestFraction, recipe.Threads));
        Assert.Equal(bundle.Manifest.TrainingData.Fingerprint, recipe.Fingerprint);
        Assert.Equal("telco.csv", recipe.Source);
        Assert.Equal(',', recipe.Reading.Separator);
        Assert.Equal(ColumnRole.Sensitive, recipe.Reading.Roles["gender"]);
        Assert.Equal(2, recipe.Selection!.Folds);
        Assert.Equal(["LightGbm"], recipe.Selection.Candidates);
        Assert.Equal(new Keel.Learn.Featurization.FeaturizationOptions(), recipe.Featurization);
        Assert.Equal(data.ColumnCount, recipe.Columns.Count);
        Assert.Null(recipe.NotRetrainable);
    }

    [Fact]
    public void Load_AlteredRecipe_IsRefused()
    {
        var (data, _) = TrainerCases.Data(TaskKind.Binary, 300);
        var path = Path.Combine(_folder, "m.keel");
        Train(data, new LinearTrainer()).Bundle.Save(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(ModelBundle.RecipePart)!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(ModelBundle.RecipePart).Open(), new UTF8Encoding(false));
            writer.Write(text.Replace("\"seed\": 7", "\"seed\": 8", StringComparison.Ordinal));
        }

        var e = Assert.Throws<KeelLearnException>(() => ModelBundle.Load(path));

        Assert.Contains("altered", e.Message);
        Assert.Contains(ModelBundle.RecipePart, e.Message);
    }

    [Fact]
    public void Load_BundleWithoutARecipe_LoadsWithNone()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 300);
        var path = Path.Combine(_folder, "old.keel");
        BundleFactory.For(new LinearTrainer().Fit(data, target), data).Save(path);

        var bundle = ModelBundle.Load(path);

        Assert.Null(bundle.Recipe);
        Assert.Equal(TaskKind.Binary, bundle.Model.Target.Task);
    }

    [Theory]
    [InlineData("LightGbm")]
    [InlineData("Linear")]
    public void Retrain_SameDataAndRecipe_GivesTheSameModel(string trainer)
    {
        var (data, _) = TrainerCases.Data(TaskKind.Binary, 400);
        var candidate = trainer == "LightGbm" ? new LightGbmTrainer { Iterations = 15 } : (ITrainer)new LinearTrainer { L2 = 0.5 };
        var parent = Train(data, candidate).Bundle;
        var recipe = parent.Recipe!;

        var job = recipe.JobOptions("model", "telco.csv", "model@1") with { BootstrapResamples = 10 };
        var child = TrainingJob.Run(recipe.Prepare(data, parent.Manifest.Inputs.Select(i => i.Name), "telco.csv"), job).Bundle;

        Assert.Equal(JsonSerializer.Serialize(parent.Model, KeelJson.Compact), JsonSerializer.Serialize(child.Model, KeelJson.Compact));
        Assert.Equal(parent.Model.Predict(data).PositiveProbabilities(), child.Model.Predict(data).PositiveProbabilities());
        Assert.Equal("model@1", child.Manifest.Parent);
        Assert.Null(child.Selection);
        Assert.Equal(recipe.Parameters, child.Recipe!.Parameters);
    }

    [Fact]
    public void Prepare_DataWithoutAnInput_RefusesNamingTheColumn()
    {
        var (data, _) = TrainerCases.Data(TaskKind.Binary, 300);
        var parent = Train(data, new LinearTrainer()).Bundle;
        var without = new Table(new Schema(data.Schema.Columns.Where(c => c.Name != "tenure").ToArray()),
            data.Schema.Columns.Select((c, i) => (c, i)).Where(p => p.c.Name != "tenure").Select(p => data.Columns[p.i]).ToArray());

        var e = Assert.Throws<KeelLearnException>(() => parent.Recipe!.Prepare(without, parent.Manifest.Inputs.Select(i => i.Name), "new.csv"));

        Assert.Contains("new.csv lacks the column 'tenure'", e.Message);
    }

    [Fact]
    public void Recipe_OfATrainerThatIsNotBuiltIn_RefusesToRebuildAndSaysWhatToDo()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 300);
        var options = new TrainingJobOptions { Label = "Churn", Seed = 3 };

        var recipe = TrainingRecipe.Create(options, "AutoMl", new Dictionary<string, string> { ["folds"] = "5" }, target, data.Schema, "abc");

        var e = Assert.Throws<KeelLearnException>(recipe.BuildTrainer);
        Assert.Contains("keel automl", e.Message);
        Assert.Contains("seed 3", e.Message);
    }
}
