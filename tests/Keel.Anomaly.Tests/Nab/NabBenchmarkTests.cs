using Keel.Anomaly.Nab;

namespace Keel.Anomaly.Tests.Nab;

public class NabBenchmarkTests
{
    /// <summary>Two series with windows and one without, 1000 rows each (150 probationary).</summary>
    private static IReadOnlyList<NabSeries> Corpus()
    {
        var t = NabTimeline.Timestamps(1000);
        return
        [
            new NabSeries("a.csv", t, [new NabWindow(t[300], t[339]), new NabWindow(t[700], t[739])]),
            new NabSeries("b.csv", t, [new NabWindow(t[500], t[549])]),
            new NabSeries("quiet.csv", t, []),
        ];
    }

    private static IReadOnlyList<double>[] Scores(IReadOnlyList<NabSeries> corpus, Func<NabSeries, int, double> score) =>
        corpus.Select(s => (IReadOnlyList<double>)Enumerable.Range(0, s.Timestamps.Count).Select(i => score(s, i)).ToArray()).ToArray();

    [Fact]
    public void APerfectDetector_Scores100_AndTheNullDetector0_UnderEveryProfile()
    {
        var corpus = Corpus();
        var perfect = Scores(corpus, (s, i) => s.Windows.Any(w => w.Start == s.Timestamps[i]) ? 1.0 : 0.0);
        var silent = Scores(corpus, (_, _) => 0.0);

        foreach (var profile in NabProfile.All)
        {
            var best = NabBenchmark.Evaluate(corpus, perfect, profile);
            Assert.Equal(100.0, best.NormalizedScore, 9);
            Assert.Equal(3 * profile.TruePositiveWeight, best.PerfectScore);
            Assert.Equal(-3 * profile.FalseNegativeWeight, best.NullScore);
            Assert.Equal(1.0, best.Threshold);
            Assert.Null(best.Series[2].NormalizedScore);
            Assert.Equal(100.0, best.Series[0].NormalizedScore!.Value, 9);

            Assert.Equal(0.0, NabBenchmark.Evaluate(corpus, silent, profile).NormalizedScore, 9);
        }
    }

    [Fact]
    public void TheThreshold_IsTheOneThatMaximisesTheCorpusScore()
    {
        var corpus = Corpus();
        // 0.9 at each window's start; 0.7 at 20 rows of the quiet series; 0.5 at each window's end. Lowering the
        // threshold to 0.7 only adds false positives, and to 0.5 adds nothing to a window that already has its start.
        var scores = Scores(corpus, (s, i) =>
            s.Windows.Any(w => w.Start == s.Timestamps[i]) ? 0.9
            : s.Windows.Any(w => w.End == s.Timestamps[i]) ? 0.5
            : s.Name == "quiet.csv" && i % 40 == 0 && i >= 200 ? 0.7 : 0.1);

        var result = NabBenchmark.Evaluate(corpus, scores, NabProfile.Standard);

        Assert.Equal(0.9, result.Threshold);
        Assert.Equal(100.0, result.NormalizedScore, 9);
        Assert.Equal(3, result.Series.Sum(s => s.Score.TruePositives));
        Assert.Equal(0, result.Series.Sum(s => s.Score.FalsePositives));
    }

    [Fact]
    public void FalsePositivesOnAQuietSeries_LowerTheTotalByTheirWeight()
    {
        var corpus = Corpus();
        var scores = Scores(corpus, (s, i) =>
            s.Windows.Any(w => w.Start == s.Timestamps[i]) || (s.Name == "quiet.csv" && i == 500) ? 1.0 : 0.0);

        var standard = NabBenchmark.Evaluate(corpus, scores, NabProfile.Standard);
        var lowFp = NabBenchmark.Evaluate(corpus, scores, NabProfile.RewardLowFalsePositives);

        // One false positive before any window costs A_FP: 0.11 (standard), 0.22 (reward low FP); the null scores −3.
        Assert.Equal(3 - 0.11, standard.RawScore, 12);
        Assert.Equal(100 * (3 - 0.11 + 3) / 6, standard.NormalizedScore, 9);
        Assert.Equal(100 * (3 - 0.22 + 3) / 6, lowFp.NormalizedScore, 9);
        Assert.Equal(-0.11, standard.Series[2].Score.Score, 12);
    }

    [Fact]
    public void NabLabels_ReadsCombinedWindows()
    {
        const string json = """
            {
                "artificialNoAnomaly/art_flatline.csv": [],
                "realKnownCause/nyc_taxi.csv": [
                    ["2014-10-30 15:30:00.000000", "2014-11-03 22:30:00.000000"],
                    ["2014-11-25 12:00:00.000000", "2014-11-29 19:00:00.000000"]
                ]
            }
            """;

        var windows = NabLabels.ParseWindows(json);

        Assert.Empty(windows["artificialNoAnomaly/art_flatline.csv"]);
        Assert.Equal(new NabWindow(new DateTime(2014, 10, 30, 15, 30, 0, DateTimeKind.Utc), new DateTime(2014, 11, 3, 22, 30, 0, DateTimeKind.Utc)),
            windows["realKnownCause/nyc_taxi.csv"][0]);
        var e = Assert.Throws<FormatException>(() => NabLabels.ParseWindows("""{"x.csv": [["yesterday", "today"]]}"""));
        Assert.Contains("x.csv", e.Message);
    }
}
