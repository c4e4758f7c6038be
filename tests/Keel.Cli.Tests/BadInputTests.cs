namespace Keel.Cli.Tests;

/// <summary>Each bad input gives exit code 2, a message naming the problem, and writes no file.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    private void AssertRefused(string[] inputs, string[] args, params string[] expected)
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, args);

        Assert.Equal(2, exit);
        foreach (var e in expected) Assert.Contains(e, stderr);
        Assert.Empty(_work.FilesExcept(inputs));
    }

    [Fact]
    public void Train_MissingFile() =>
        AssertRefused([], ["train", "--data", "nope.csv", "--label", "y"], "nope.csv", "not found");

    [Fact]
    public void Train_EmptyFile()
    {
        _work.File("empty.csv", "");
        AssertRefused(["empty.csv"], ["train", "--data", "empty.csv", "--label", "y"], "empty.csv", "empty");
    }

    [Fact]
    public void Train_RaggedRow()
    {
        _work.File("ragged.csv", "a,b,y\n1,2,0\n3,4\n5,6,1\n");
        AssertRefused(["ragged.csv"], ["train", "--data", "ragged.csv", "--label", "y"], "ragged.csv, line 3", "2 fields", "--sep");
    }

    [Fact]
    public void Train_UnknownLabel_ListsTheColumns()
    {
        _work.File("d.csv", "a,b,y\n1,2,0\n3,4,1\n");
        AssertRefused(["d.csv"], ["train", "--data", "d.csv", "--label", "target"], "'target' does not exist", "a, b, y");
    }

    [Fact]
    public void Train_LabelWithOneClass()
    {
        _work.File("d.csv", "a,b,y\n1,2,yes\n3,4,yes\n5,6,yes\n");
        AssertRefused(["d.csv"], ["train", "--data", "d.csv", "--label", "y"], "only one class", "'yes'");
    }

    [Fact]
    public void Train_AllMissingColumn()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{i},,{i % 2}"));
        _work.File("d.csv", "a,empty,y\n" + rows + "\n");
        AssertRefused(["d.csv"], ["train", "--data", "d.csv", "--label", "y", "--time-budget", "30s"], "'empty' has no values", "--ignore");
    }

    [Fact]
    public void Train_UnparsableValueInAColumnDeclaredNumeric()
    {
        _work.File("d.csv", "a,b,y\n1,2,0\n3,x7,1\n");
        AssertRefused(["d.csv"], ["train", "--data", "d.csv", "--label", "y", "--type", "b=numeric"], "line 3", "column 'b'", "'x7'");
    }

    [Fact]
    public void Train_OutputFolderMissing_IsRefusedBeforeAnyWork()
    {
        _work.File("d.csv", "a,y\n1,0\n2,1\n");
        AssertRefused(["d.csv"], ["train", "--data", "d.csv", "--label", "y", "--out", "no/such/folder/m.keel"], "does not exist");
    }

    [Fact]
    public void Predict_TamperedBundle_IsRefused()
    {
        _work.File("m.keel", "PK\u0003\u0004 not really a zip");
        _work.File("d.csv", "a,y\n1,0\n2,1\n");
        AssertRefused(["m.keel", "d.csv"], ["predict", "--model", "m.keel", "--data", "d.csv", "--out", "p.csv"], "m.keel", "not a valid Keel model bundle");
    }

    [Fact]
    public void Train_WithoutData_IsAUsageError()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "train", "--label", "y");

        Assert.Equal(1, exit);
        Assert.Contains("--data", stderr);
    }

    [Fact]
    public void Help_ExplainsEveryOptionWithItsDefault()
    {
        var (exit, stdout, _) = KeelProcess.Run(_work.Path, "train", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--time-budget", stdout);
        Assert.Contains("[default: 10m]", stdout);
        Assert.Contains("[default: 42]", stdout);
        Assert.Contains("--sep", stdout);
    }
}
