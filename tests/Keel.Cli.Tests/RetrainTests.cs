using System.IO.Compression;
using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary><c>keel retrain</c> as a user runs it: the recipe a bundle carries, re-run on data, through the real CLI.</summary>
public sealed class RetrainTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    private string Store => $"sqlite:{Path.Combine(_work.Path, "store", "keel.db")}";

    /// <summary>The first 400 rows of the Telco sample, so that training takes a second.</summary>
    private string Data(string name = "churn.csv", Func<string, string>? change = null)
    {
        var lines = File.ReadLines(KeelProcess.Sample("telco_churn.csv")).Take(401).Select(change ?? (l => l));
        return _work.File(name, string.Join('\n', lines) + "\n");
    }

    private void Train(string data, string trainer, string output)
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "train", "--data", data, "--label", "Churn", "--id", "customerID", "--trainers", trainer,
            "--folds", "2", "--threads", "1", "--seed", "11", "--out", output, "--store", Store);
        Assert.True(exit == 0, stderr);
    }

    private static byte[] Part(string bundle, string part)
    {
        using var zip = ZipFile.OpenRead(bundle);
        using var stream = zip.GetEntry(part)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private string Predict(string model, string data, string output)
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "predict", "--model", model, "--data", data, "--out", output);
        Assert.True(exit == 0, stderr);
        return File.ReadAllText(Path.Combine(_work.Path, output));
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("linear")]
    public void Retrain_OnItsOwnTrainingFile_GivesTheSameModelAndPredictions(string trainer)
    {
        var data = Data();
        Train(data, trainer, "parent.keel");

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "retrain", "--model", "parent.keel", "--data", data, "--out", "child.keel", "--store", Store, "--json");

        Assert.True(exit == 0, stderr);
        var child = Path.Combine(_work.Path, "child.keel");
        Assert.Equal(Part(Path.Combine(_work.Path, "parent.keel"), "model.json"), Part(child, "model.json"));
        Assert.Equal(Predict("parent.keel", data, "parent.csv"), Predict("child.keel", data, "child.csv"));
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("parent@1", root.GetProperty("parent").GetString());
        var rocAuc = root.GetProperty("comparison").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "roc_auc");
        Assert.Equal(0, rocAuc.GetProperty("change").GetDouble());
        Assert.Contains("the model is reproduced", stderr);
        var (inspected, manifest, _) = KeelProcess.Run(_work.Path, "inspect", "--model", "child.keel", "--json");
        Assert.Equal(0, inspected);
        Assert.Equal("parent@1", JsonDocument.Parse(manifest).RootElement.GetProperty("manifest").GetProperty("parent").GetString());
    }

    [Fact]
    public void Retrain_ARegisteredVersion_NamesItAsTheParent()
    {
        var data = Data();
        Train(data, "linear", "churn.keel");
        var (registered, _, registerErr) = KeelProcess.Run(_work.Path, "models", "register", "--model", "churn.keel", "--store", Store);
        Assert.True(registered == 0, registerErr);

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "retrain", "--model", "churn@1", "--data", data, "--out", "next.keel", "--store", Store, "--json");

        Assert.True(exit == 0, stderr);
        Assert.Equal("churn@1", JsonDocument.Parse(stdout).RootElement.GetProperty("parent").GetString());
        Assert.Equal(Part(Path.Combine(_work.Path, "churn.keel"), "model.json"), Part(Path.Combine(_work.Path, "next.keel"), "model.json"));
    }

    [Fact]
    public void Retrain_DataWithoutAColumnTheModelReads_RefusesNamingIt()
    {
        Train(Data(), "linear", "parent.keel");
        var without = Data("new.csv", line => string.Join(',', line.Split(',').Where((_, i) => i != 5)));

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "retrain", "--model", "parent.keel", "--data", without, "--store", Store);

        Assert.NotEqual(0, exit);
        Assert.Contains("lacks the column 'tenure', which the model reads", stderr);
        Assert.False(File.Exists(Path.Combine(_work.Path, "parent-retrained.keel")));
    }

    [Fact]
    public void Retrain_WithoutData_SaysWhichFileTheParentWasTrainedOn()
    {
        Train(Data(), "linear", "parent.keel");

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "retrain", "--model", "parent.keel", "--store", Store);

        Assert.Equal(1, exit);
        Assert.Contains("Option '--data' is required", stderr);
        Assert.Contains("trained on 'churn.csv'", stderr);
    }
}
