using Keel.Monitoring.Multivariate;

namespace Keel.Monitoring.Tests.Multivariate;

public class PrincipalSubspaceTests
{
    /// <summary>Two uncorrelated columns of equal variance: each component explains exactly half.</summary>
    private static readonly double[][] EqualHalves = [[1, -1, 0, 0], [0, 0, 1, -1]];

    /// <summary>scikit-learn keeps the fewest components whose cumulative ratio is above the share: searchsorted(side="right") + 1.</summary>
    [Theory]
    [InlineData(0.49, 1)]
    [InlineData(0.5, 2)]
    [InlineData(0.99, 2)]
    public void Fit_KeepsTheFewestComponentsExplainingMoreThanTheShare(double share, int kept)
    {
        var subspace = PrincipalSubspace.Fit(EqualHalves, share);

        Assert.Equal(kept, subspace.Count);
        Assert.All(subspace.ExplainedVarianceRatio, r => Assert.Equal(0.5, r, 12));
    }

    [Fact]
    public void Errors_AreTheDistanceToTheKeptComponents()
    {
        // Column 0 has twice the spread of column 1, so the first component is column 0's axis.
        double[][] columns = [[2, -2, 0, 0], [0, 0, 1, -1]];
        var subspace = PrincipalSubspace.Fit(columns, 0.5);

        var errors = subspace.Errors([[3, 0], [4, -1]]);

        Assert.Equal(1, subspace.Count);
        Assert.Equal([4, 1], errors.Select(e => Math.Round(e, 12)));
    }
}
