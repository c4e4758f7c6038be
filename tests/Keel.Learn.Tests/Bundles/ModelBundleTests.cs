using System.IO.Compression;
using System.Text;
using Keel.Learn.Bundles;
using Keel.Learn.Tests.Trainers;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Bundles;

public sealed class ModelBundleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keel-bundle-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SaveBundle()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 400);
        var model = new LightGbmTrainer { Iterations = 10 }.Fit(data, target);
        var path = Path.Combine(_folder, "m.keel");
        BundleFactory.For(model, data).Save(path);
        return path;
    }

    private static void RewritePart(string path, string part, Func<string, string> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry(part)!;
        string text;
        using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(part).Open(), new UTF8Encoding(false));
        writer.Write(change(text));
    }

    [Fact]
    public void Load_SavedBundle_VerifiesAndKeepsEveryPart()
    {
        var path = SaveBundle();

        var bundle = ModelBundle.Load(path);

        Assert.Equal("test", bundle.Manifest.Name);
        Assert.Equal(64, bundle.FileSha256!.Length);
        Assert.Equal(TaskKind.Binary, bundle.Model.Target.Task);
        Assert.True(bundle.Profile.RowCount > 0);
    }

    [Fact]
    public void TrainingJob_KeepsTheHeldOutLabelsAndScores_AndTheyRoundTrip()
    {
        var (data, _) = TrainerCases.Data(TaskKind.Binary, 400);
        var options = new Keel.Learn.Training.TrainingJobOptions
        {
            Label = "Churn",
            BootstrapResamples = 10,
            Selection = new Keel.Learn.Selection.SelectionOptions { Folds = 2, Candidates = [new LightGbmTrainer { Iterations = 10 }] },
        };
        var outcome = Keel.Learn.Training.TrainingJob.Run(data, options);
        var path = Path.Combine(_folder, "job.keel");
        outcome.Bundle.Save(path);

        var reference = ModelBundle.Load(path).Reference!;
        Assert.Equal(outcome.Test.RowCount, reference.Rows);
        Assert.Equal(outcome.Bundle.Model.Predict(outcome.Test).PositiveProbabilities(), reference.Scores);
        Assert.All(reference.Labels, v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public void Load_ModelPartEdited_IsRefusedAsAltered()
    {
        var path = SaveBundle();
        RewritePart(path, ModelBundle.ModelPart, text => text.Replace("\"threshold\":0.5", "\"threshold\":0.1"));

        var e = Assert.Throws<KeelLearnException>(() => ModelBundle.Load(path));

        Assert.Contains("has been altered", e.Message);
        Assert.Contains("model.json", e.Message);
    }

    [Fact]
    public void Load_ManifestEdited_IsRefusedAsAltered()
    {
        var path = SaveBundle();
        RewritePart(path, ModelBundle.ManifestPart, text => text.Replace("\"name\": \"test\"", "\"name\": \"prod\""));

        var e = Assert.Throws<KeelLearnException>(() => ModelBundle.Load(path));

        Assert.Contains("manifest.json", e.Message);
    }

    [Fact]
    public void Load_ExtraPartSlippedIn_IsRefused()
    {
        var path = SaveBundle();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        using (var w = new StreamWriter(zip.CreateEntry("payload.bin").Open())) w.Write("x");

        var e = Assert.Throws<KeelLearnException>(() => ModelBundle.Load(path));

        Assert.Contains("payload.bin", e.Message);
    }

    [Fact]
    public void Load_TruncatedFile_IsRefusedAsIncomplete()
    {
        var path = SaveBundle();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<KeelLearnException>(() => ModelBundle.Load(path));

        Assert.Contains("not a valid Keel model bundle", e.Message);
    }

    [Fact]
    public void Load_ForeignZipOrText_IsRefused()
    {
        var zipPath = Path.Combine(_folder, "other.keel");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        using (var w = new StreamWriter(zip.CreateEntry("readme.txt").Open())) w.Write("hello");
        var textPath = Path.Combine(_folder, "text.keel");
        File.WriteAllText(textPath, "not a zip at all");

        Assert.Contains("is not a Keel model bundle", Assert.Throws<KeelLearnException>(() => ModelBundle.Load(zipPath)).Message);
        Assert.Contains("not a valid Keel model bundle", Assert.Throws<KeelLearnException>(() => ModelBundle.Load(textPath)).Message);
    }

    [Fact]
    public void Save_SameModelTwice_GivesByteIdenticalFiles()
    {
        var path = SaveBundle();
        var first = File.ReadAllBytes(path);
        ModelBundle.Load(path).Save(path);

        Assert.Equal(first, File.ReadAllBytes(path));
    }
}
