using Keel.Tuning.Pruners;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Tests.Pruners;

public class HyperbandPrunerTests
{
    [Fact]
    public void Brackets_AndTheirTrialShares_AreOptunas()
    {
        // n = floor(log_3(100)) + 1 = 5; bracket s gets ceil(5 · 3^(4−s) / (5 − s)): 81, 34, 15, 8, 5.
        var pruner = new HyperbandPruner(minResource: 1, maxResource: 100, reductionFactor: 3);

        Assert.Equal([81, 34, 15, 8, 5], pruner.BracketBudgets);
        Assert.Equal([3, 2], new HyperbandPruner(1, 5, 3).BracketBudgets);
    }

    [Theory]
    [InlineData("study_0", 368277276u)]
    [InlineData("study_2", 4227667504u)]
    public void Crc32_MatchesPythonsZlib(string text, uint expected) =>
        // python3 -c "import zlib; print(zlib.crc32(b'study_0'))"
        Assert.Equal(expected, HyperbandPruner.Crc32(System.Text.Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData(0, 1)] // crc32("study_0") % 143 = 81: past bracket 0's 81
    [InlineData(1, 0)] // % 143 = 34
    [InlineData(3, 0)] // % 143 = 7
    public void TheBracketOfATrial_IsItsCrc32ModuloTheTotalShare(int number, int bracket) =>
        Assert.Equal(bracket, new HyperbandPruner(1, 100, 3).BracketOf("study", number));

    [Fact]
    public void ATrial_IsComparedOnlyWithTheTrialsOfItsBracket()
    {
        // max 5, η 3: brackets [3, 2] of 5; study_0 → 1 % 5 → bracket 0 (rungs at 1, 3); study_2 → 4 → bracket 1 (rung at 3).
        var pruner = new HyperbandPruner(1, 5, 3);
        var current = History.Running(0, (1, 9.0));
        var sameBracket = History.Complete(1, 0.1, (1, 0.1)); // study_1 → 1660176266 % 5 = 1 → bracket 0
        var otherBracket = History.Complete(2, 0.1, (1, 0.1));

        Assert.True(pruner.ShouldPrune(new PruningContext("study", StudyDirection.Minimize, [sameBracket], current)));
        Assert.False(pruner.ShouldPrune(new PruningContext("study", StudyDirection.Minimize, [otherBracket], current)));
    }
}
