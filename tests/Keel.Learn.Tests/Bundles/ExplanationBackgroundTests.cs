using System.IO.Compression;
using System.Text;
using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Learn.Ensembles;
using Keel.Learn.Evaluation;
using Keel.Learn.Models;
using Keel.Learn.Tests.Trainers;
using Keel.Learn.Trainers;
using Keel.Learn.Training;

namespace Keel.Learn.Tests.Bundles;

/// <summary>The background sample a bundle keeps for a model without exact SHAP values: written, verified, refused when altered.</summary>
public sealed class ExplanationBackgroundTests : IDisposable
{
    private static readonly Lazy<(Model Model, Table Train, Table Test)> Voting = new(() =>
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 500);
        var train = data.Take(Enumerable.Range(0, 400).ToArray());
        var test = data.Take(Enumerable.Range(400, 100).ToArray());
        var model = new EnsembleTrainer
        {
            Kind = EnsembleKind.Voting,
            Folds = 2,
            BaseTrainers = [new LightGbmTrainer { Iterations = 10 }, new LinearTrainer()],
        }.Fit(train, target);
        return (model, train, test);
    });

    private readonly string _folder = Directory.CreateTempSubdirectory("keel-background-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ModelBundle Packaged(Model model, Table train, Table test, int seed = 42) =>
        TrainingJob.Package(model, model.Trainer, new Dictionary<string, string>(), "fp", train.RowCount + test.RowCount, train, test,
            Evaluator.Evaluate(model, test, resamples: 0), new TrainingJobOptions { Label = "Churn", Seed = seed }, DateTimeOffset.UnixEpoch);

    private string Saved(ModelBundle bundle)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.keel");
        bundle.Save(path);
        return path;
    }

    private static void RewritePart(string path, string part, Func<string, string>? change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry(part)!;
        string text;
        using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
        entry.Delete();
        if (change is null) return;
        using var writer = new StreamWriter(zip.CreateEntry(part).Open(), new UTF8Encoding(false));
        writer.Write(change(text));
    }

    [Fact]
    public void Package_AnEnsemble_KeepsAHundredSeededTrainingRowsFeatures_ThatRoundTrip()
    {
        var (model, train, test) = Voting.Value;

        var bundle = Packaged(model, train, test);
        var loaded = ModelBundle.Load(Saved(bundle));

        var background = loaded.Background!;
        Assert.Equal(ExplanationBackground.MaxRows, background.Rows.Count);
        Assert.Equal(42, background.Seed);
        Assert.Equal(model.Features.FeatureNames, background.Features);
        for (var r = 0; r < background.Rows.Count; r++) Assert.Equal(bundle.Background!.Rows[r], background.Rows[r]);
        // Every kept row is the features of a training row, and no training row is kept twice.
        var trainRows = model.Features.Transform(train);
        var index = Enumerable.Range(0, train.RowCount).Select(r => string.Join(",", trainRows.Row(r).ToArray())).ToList();
        var found = background.Rows.Select(row => index.IndexOf(string.Join(",", row))).ToArray();
        Assert.All(found, i => Assert.True(i >= 0));
        Assert.Equal(found.Length, background.Rows.Select(row => string.Join(",", row)).Distinct().Count());
    }

    [Fact]
    public void Package_SameSeed_SameRows_OtherSeed_OtherRows()
    {
        var (model, train, test) = Voting.Value;

        var first = Packaged(model, train, test, seed: 1).Background!;
        var again = Packaged(model, train, test, seed: 1).Background!;
        var other = Packaged(model, train, test, seed: 2).Background!;

        Assert.Equal(first.Rows, again.Rows);
        Assert.NotEqual(first.Rows.Select(r => string.Join(",", r)), other.Rows.Select(r => string.Join(",", r)));
    }

    [Fact]
    public void Package_FewerTrainingRowsThanTheLimit_KeepsThemAll()
    {
        var (model, train, test) = Voting.Value;

        var background = Packaged(model, train.Take(Enumerable.Range(0, 30).ToArray()), test).Background!;

        Assert.Equal(30, background.Rows.Count);
    }

    [Fact]
    public void Package_TreesOrALinearModel_KeepNoBackground()
    {
        var (_, train, test) = Voting.Value;
        var target = Voting.Value.Model.Target;
        var trees = new LightGbmTrainer { Iterations = 5 }.Fit(train, target);
        var linear = new LinearTrainer().Fit(train, target);

        var path = Saved(Packaged(trees, train, test));

        Assert.Null(Packaged(linear, train, test).Background);
        Assert.Null(ModelBundle.Load(path).Background);
        using var zip = ZipFile.OpenRead(path);
        Assert.DoesNotContain(zip.Entries, e => e.FullName == ModelBundle.BackgroundPart);
    }

    [Fact]
    public void Load_BackgroundEdited_IsRefusedAsAltered()
    {
        var (model, train, test) = Voting.Value;
        var path = Saved(Packaged(model, train, test));
        RewritePart(path, ModelBundle.BackgroundPart, text => text.Replace("\"seed\":42", "\"seed\":43"));

        var e = Assert.Throws<KeelLearnException>(() => ModelBundle.Load(path));

        Assert.Contains("has been altered", e.Message);
        Assert.Contains(ModelBundle.BackgroundPart, e.Message);
    }

    [Fact]
    public void Load_BackgroundRemoved_IsRefusedAsIncomplete()
    {
        var (model, train, test) = Voting.Value;
        var path = Saved(Packaged(model, train, test));
        RewritePart(path, ModelBundle.BackgroundPart, change: null);

        var e = Assert.Throws<KeelLearnException>(() => ModelBundle.Load(path));

        Assert.Contains("is incomplete", e.Message);
        Assert.Contains(ModelBundle.BackgroundPart, e.Message);
    }

    [Fact]
    public void Load_BackgroundThatDoesNotFitTheModel_IsRefusedWithWhatIsWrong()
    {
        var (model, train, test) = Voting.Value;
        var bundle = Packaged(model, train, test);
        var narrow = bundle with { Background = bundle.Background! with { Rows = [.. bundle.Background.Rows.Select(r => r[..^1])] } };

        var e = Assert.Throws<KeelLearnException>(() => ModelBundle.Load(Saved(narrow)));

        Assert.Contains(ModelBundle.BackgroundPart, e.Message);
        Assert.Contains("row 0 is not", e.Message);
    }
}
