using System.Globalization;
using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary><c>keel monitor</c> on a bundle the CLI trained: data quality, performance with and without labels, a streaming detector.</summary>
public sealed class MonitorTests(TrainedChurnModel trained) : IClassFixture<TrainedChurnModel>
{
    private readonly WorkFolder _work = trained.Work;

    /// <summary>Telco's first 3,000 rows as the reference; the next 3,000 as the current rows, the last third with an unknown contract.</summary>
    private (string Reference, string Current) Files()
    {
        var lines = File.ReadAllLines(KeelProcess.Sample("telco_churn.csv"));
        var header = lines[0];
        var contract = header.Split(',').ToList().IndexOf("Contract");
        var current = lines.Skip(3001).Take(3000).Select((line, i) =>
        {
            if (i < 2000 || i % 9 != 0) return line;
            var fields = line.Split(',');
            fields[contract] = "Three year";
            return string.Join(',', fields);
        });
        return (_work.File("reference.csv", string.Join('\n', lines.Take(3001))), _work.File("current.csv", string.Join('\n', current.Prepend(header))));
    }

    [Fact]
    public void Monitor_WithALabelledReference_EstimatesAndMeasuresEachWindow_AndNamesTheUnseenCategory()
    {
        var (reference, current) = Files();

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "monitor", "--model", "m.keel", "--current", current, "--reference", reference, "--out", "monitor.html", "--json");
        var failing = KeelProcess.Run(_work.Path, "monitor", "--model", "m.keel", "--current", current, "--fail-on-alert");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(3000, root.GetProperty("rows").GetInt32());
        var quality = root.GetProperty("quality").EnumerateArray().ToArray();
        Assert.Equal(3, quality.Length);
        Assert.Equal(0, quality[0].GetProperty("issues").GetArrayLength());
        var issue = Assert.Single(quality[2].GetProperty("issues").EnumerateArray());
        Assert.Equal("UnseenCategories", issue.GetProperty("kind").GetString());
        Assert.Contains("'Three year'", issue.GetProperty("message").GetString());
        var estimated = root.GetProperty("estimated").EnumerateArray().ToArray();
        var realized = root.GetProperty("realized").EnumerateArray().ToArray();
        Assert.Equal(3, estimated.Length);
        Assert.Equal(3, realized.Length);
        foreach (var window in estimated)
        {
            var accuracy = window.GetProperty("metrics").GetProperty("accuracy").GetDouble();
            Assert.Equal(window.GetProperty("realized").GetProperty("accuracy").GetDouble(), accuracy, 0.05);
            var band = window.GetProperty("band").GetProperty("accuracy").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.True(band[0] < band[1]);
        }
        var drift = root.GetProperty("drift");
        Assert.Equal("exact", drift.GetProperty("mode").GetString());
        var contract = drift.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "Contract");
        Assert.Equal("jensenshannon", contract.GetProperty("test").GetString());
        Assert.Equal(3, drift.GetProperty("windows").GetArrayLength());
        var domain = root.GetProperty("domainClassifier");
        Assert.InRange(domain.GetProperty("auc").GetDouble(), 0.3, 0.7);   // the same customers' kind of rows: hard to tell apart
        Assert.Equal(3, root.GetProperty("reconstruction").GetArrayLength());
        var report = File.ReadAllText(Path.Combine(_work.Path, "monitor.html"));
        Assert.Contains("In short", report);
        Assert.Contains("Did the data as a whole change?", report);
        Assert.Contains("Performance over time", report);
        Assert.Contains("estimated (CBPE)", report);
        Assert.Contains("categories the reference never saw", report);
        Assert.Equal(5, failing.Exit);
    }

    [Fact]
    public void Monitor_WithoutAReference_UsesTheBundlesProfileAndHeldOutPredictions()
    {
        var (_, current) = Files();
        var unlabelled = _work.File("unlabelled.csv", string.Join('\n', File.ReadAllLines(current).Select(line => line[..line.LastIndexOf(',')])));

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "monitor", "--model", "m.keel", "--current", unlabelled, "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("bundle profile and held-out predictions", doc.RootElement.GetProperty("reference").GetString());
        Assert.Equal("profile", doc.RootElement.GetProperty("drift").GetProperty("mode").GetString());
        var estimated = doc.RootElement.GetProperty("estimated").EnumerateArray().ToArray();
        Assert.Equal(3, estimated.Length);
        Assert.InRange(estimated[0].GetProperty("metrics").GetProperty("accuracy").GetDouble(), 0.7, 0.95);
        Assert.True(estimated[0].GetProperty("band").TryGetProperty("accuracy", out _), "the held-out rows set the bands");
        Assert.Equal(0, doc.RootElement.GetProperty("realized").GetArrayLength());
        Assert.Contains("only estimated performance is shown", stderr);
    }

    [Fact]
    public void MonitorStream_Adwin_FindsTheShiftInTheColumn()
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, 2000).Select(i => i < 1000 ? random.Next(2) : 4 + random.Next(4));
        var file = _work.File("errors.csv", "err\n" + string.Join('\n', values.Select(v => v.ToString(CultureInfo.InvariantCulture))));

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "monitor", "--stream", file, "--column", "err", "--detector", "adwin", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var drifts = doc.RootElement.GetProperty("drifts").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        Assert.NotEmpty(drifts);
        Assert.InRange(drifts[0], 1000, 1100);
        Assert.Equal(2000, doc.RootElement.GetProperty("length").GetInt64());
    }

    [Theory]
    [InlineData("--detector", "cusum", "There is no drift detector 'cusum'")]
    [InlineData("--param", "delta", "is not NAME=VALUE")]
    [InlineData("--param", "delta=-1", "delta")]
    [InlineData("--column", "nope", "has no column 'nope'")]
    public void MonitorStream_BadSettings_AreRefusedWithWhatToDo(string option, string value, string message)
    {
        var file = _work.File("stream.csv", "err\n0\n1\n0\n");
        var args = new List<string> { "monitor", "--stream", file };
        if (option != "--column") args.AddRange(["--column", "err"]);
        args.AddRange([option, value]);

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, [.. args]);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
    }
}
