using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary><c>keel detect</c>: a streaming anomaly detector over a time series file.</summary>
public sealed class DetectTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    /// <summary>Ten days of hourly values with a daily cycle (10 ± 10) and small noise; at day 8, 03:00, a value of 3 where about 17 is usual.</summary>
    private string DailySeries(string name = "series.csv")
    {
        var csv = new StringBuilder("time,load\n");
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var h = 0; h < 240; h++)
        {
            var t = start.AddHours(h);
            var v = h == 8 * 24 + 3 ? 3.0 : 10 + 10 * Math.Sin(t.Hour * Math.PI / 12) + 0.3 * Math.Sin(h * 1.7);
            csv.Append(CultureInfo.InvariantCulture, $"{t:yyyy-MM-dd HH:mm:ss},{v:R}\n");
        }
        return _work.File(name, csv.ToString());
    }

    [Fact]
    public void Detect_ValueUnusualForItsHour_IsFlaggedAtItsTime_AndOutWritesEveryPoint()
    {
        var series = DailySeries();

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "detect", "--series", series, "--time", "time", "--value", "load",
            "--param", "season=hour-of-day", "--out", "scores.csv", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("seasonal", doc.RootElement.GetProperty("detector").GetString());
        Assert.Equal(240, doc.RootElement.GetProperty("points").GetInt32());
        var anomalies = doc.RootElement.GetProperty("anomalies").EnumerateArray().ToArray();
        var spike = Assert.Single(anomalies, a => a.GetProperty("timestamp").GetString() == "2024-03-09T03:00:00Z");
        Assert.Equal(3.0, spike.GetProperty("value").GetDouble());
        Assert.True(spike.GetProperty("score").GetDouble() >= 0.99);
        Assert.True(anomalies.Length <= 3, $"{anomalies.Length} points flagged");

        var lines = File.ReadAllLines(Path.Combine(_work.Path, "scores.csv"));
        Assert.Equal("timestamp,value,score,is_anomaly", lines[0]);
        Assert.Equal(241, lines.Length);
        Assert.StartsWith("2024-03-09T03:00:00Z,3,", lines[1 + 8 * 24 + 3]);
        Assert.EndsWith(",true", lines[1 + 8 * 24 + 3]);
        Assert.Equal("2024-03-01T00:00:00Z,10,0,false", lines[1]);
    }

    [Fact]
    public void Detect_WithoutSeasonality_MissesTheValueThatIsOrdinaryForTheSeries()
    {
        var series = DailySeries();

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "detect", "--series", series, "--time", "time", "--value", "load", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.DoesNotContain(doc.RootElement.GetProperty("anomalies").EnumerateArray(), a => a.GetProperty("timestamp").GetString() == "2024-03-09T03:00:00Z");
    }

    [Fact]
    public void Detect_HalfSpaceTrees_PrintsASummaryWithTheFlaggedTimes()
    {
        var csv = new StringBuilder("timestamp,value\n");
        for (var i = 0; i < 600; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{new DateTime(2024, 1, 1).AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{(i == 500 ? 400 : 100 + 5 * Math.Sin(i / 7.0)):R}\n");
        var series = _work.File("hst.csv", csv.ToString());

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "detect", "--series", series, "--detector", "hst", "--param", "window_size=100", "--threshold", "0.99");

        Assert.True(exit == 0, stderr);
        Assert.Contains("hst over 'value' of hst.csv: 600 points", stdout);
        Assert.Contains("2024-01-02T17:40:00Z", stdout);
    }

    [Fact]
    public void Detect_Gaussian_WithQuiet_FlagsALevelShiftOnce()
    {
        var csv = new StringBuilder("timestamp,value\n");
        for (var i = 0; i < 600; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{new DateTime(2024, 1, 1).AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{100 + 5 * Math.Sin(i / 7.0) + (i >= 500 ? 100 : 0):R}\n");
        var series = _work.File("shift.csv", csv.ToString());

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "detect", "--series", series, "--detector", "gaussian", "--threshold", "0.5", "--json");
        var (quietExit, quietOut, quietErr) = KeelProcess.Run(_work.Path, "detect", "--series", series, "--detector", "gaussian", "--param", "quiet=200", "--threshold", "0.5", "--json");

        Assert.True(exit == 0, stderr);
        Assert.True(quietExit == 0, quietErr);
        using var plain = JsonDocument.Parse(stdout);
        using var quiet = JsonDocument.Parse(quietOut);
        Assert.Equal("gaussian", quiet.RootElement.GetProperty("detector").GetString());
        Assert.True(plain.RootElement.GetProperty("anomalies").GetArrayLength() > 5);
        var alarm = Assert.Single(quiet.RootElement.GetProperty("anomalies").EnumerateArray());
        Assert.Equal(500, alarm.GetProperty("index").GetInt32());
    }

    [Fact]
    public void Detect_Entropy_FlagsTheStartOfANewRegime()
    {
        var csv = new StringBuilder("timestamp,value\n");
        for (var i = 0; i < 600; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{new DateTime(2024, 1, 1).AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{100 + i % 5 + (i >= 300 ? 10 : 0)}\n");
        var series = _work.File("regime.csv", csv.ToString());

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "detect", "--series", series, "--detector", "entropy", "--param", "quiet=200", "--threshold", "0.99", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("entropy", doc.RootElement.GetProperty("detector").GetString());
        // Flagged while the window of 52 straddles the change (quiet passes a later point only if it scores higher still), never after.
        var flagged = doc.RootElement.GetProperty("anomalies").EnumerateArray().Select(a => a.GetProperty("index").GetInt32()).ToArray();
        Assert.NotEmpty(flagged);
        Assert.All(flagged, i => Assert.InRange(i, 300, 351));
    }

    [Fact]
    public void AMissingColumn_IsNamedWithTheColumnsThatExist()
    {
        var series = DailySeries();

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "detect", "--series", series, "--time", "time");

        Assert.Equal(2, exit);
        Assert.Contains("has no column 'value' (--value). Its columns are: time, load.", stderr);
    }

    [Theory]
    [InlineData("2024-01-01 00:00:00,1\n2024-01-01 01:00:00,2\n2024-01-01 02:00:00,lots\n", "line 4, column 'value': 'lots' is not a number")]
    [InlineData("2024-01-01 00:00:00,1\nsoon,2\n", "line 3, column 'timestamp': 'soon' is not a date")]
    [InlineData("2024-01-01 00:00:00,1\n2024-01-01 02:00:00,2\n2024-01-01 01:00:00,3\n", "line 4, column 'timestamp': the timestamp 2024-01-01 01:00:00 is earlier than the one before it")]
    [InlineData("2024-01-01 00:00:00,1\n2024-01-01 01:00:00,\n2024-01-01 02:00:00,3\n", "line 3, column 'value': the value is missing")]
    public void BadRows_AreNamedByTheirLine(string rows, string expected)
    {
        var series = _work.File("bad.csv", "timestamp,value\n" + rows);

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "detect", "--series", series);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void BadSettings_AreAllNamed_AndNoFileIsWritten()
    {
        var series = DailySeries();

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "detect", "--series", series, "--time", "time", "--value", "load",
            "--detector", "hst", "--param", "n_trees=many", "--param", "depth=3", "--out", "scores.csv");
        var period = KeelProcess.Run(_work.Path, "detect", "--series", series, "--detector", "hst", "--period", "24");
        var threshold = KeelProcess.Run(_work.Path, "detect", "--series", series, "--threshold", "1.5");

        Assert.Equal(2, exit);
        Assert.Contains("hst has no setting 'depth'", stderr);
        Assert.Contains("n_trees=many: n_trees takes a whole number", stderr);
        Assert.Contains("--period is a setting of the seasonal detector", period.Stderr);
        Assert.Contains("--threshold must be above 0 and at most 1", threshold.Stderr);
        Assert.False(File.Exists(Path.Combine(_work.Path, "scores.csv")));
    }
}
