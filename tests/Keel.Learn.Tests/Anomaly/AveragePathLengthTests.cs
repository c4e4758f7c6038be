using Keel.Learn.Anomaly;

namespace Keel.Learn.Tests.Anomaly;

public class AveragePathLengthTests
{
    [Fact]
    public void Of_EqualsScikitLearnsAveragePathLength()
    {
        var n = AnomalyFixture.Numbers("average_path_length", "n");
        var expected = AnomalyFixture.Numbers("average_path_length", "c");

        for (var i = 0; i < n.Length; i++)
            Assert.Equal(expected[i], AveragePathLength.Of(n[i]), 12);
    }

    [Fact]
    public void Of_256_IsTheNormaliserOfTheDefaultForest() =>
        Assert.Equal(10.244770920119917, AveragePathLength.Of(256), 12);
}
