using Keel.Data;

namespace Keel.Monitoring.Tests.Drift;

public class FixtureSampleTests
{
    /// <summary>The regenerated samples are the fixture's, value for value (their sums, or their missing counts, agree).</summary>
    [Fact]
    public void GeneratedSamples_AreTheFixtures()
    {
        foreach (var sample in DriftFixture.Json.GetProperty("samples").EnumerateObject())
        {
            var (reference, current) = DriftFixture.Sample(sample.Name);
            var check = sample.Value.GetProperty("check").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Column[] columns = [reference, current];
            for (var side = 0; side < 2; side++)
            {
                if (columns[side] is NumericColumn n)
                {
                    // The fixture records math.fsum; a compensated sum agrees with it to a few roundings of the total.
                    var values = n.Values.ToArray().Where(double.IsFinite).ToArray();
                    DriftFixture.Close(check[side], Sum(values), 0, $"{sample.Name} sum", 1e-12 * values.Sum(Math.Abs));
                }
                else
                {
                    Assert.Equal(check[side], columns[side].MissingCount());
                }
            }
        }
    }

    private static double Sum(double[] values)
    {
        double sum = 0, compensation = 0;
        foreach (var v in values)
        {
            var t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + compensation;
    }
}
