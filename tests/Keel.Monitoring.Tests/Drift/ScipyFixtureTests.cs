using System.Text.Json;
using Keel.Monitoring.Drift;

namespace Keel.Monitoring.Tests.Drift;

/// <summary>
/// Every statistic, p-value and drift decision of the fixture's samples, as Evidently defines them and SciPy 1.10
/// computes them (tests/fixtures/make_drift_fixture.py), within 1e-9 relative unless a comment says why not.
/// </summary>
public class ScipyFixtureTests
{
    public static TheoryData<string> Samples() => new(DriftFixture.Json.GetProperty("samples").EnumerateObject().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryTest_OnEverySample_MatchesEvidentlyOnScipy(string name)
    {
        var (reference, current) = DriftFixture.Sample(name);
        var sample = ColumnSample.Build(reference, current);
        foreach (var expected in DriftFixture.Array("cases").Where(c => c.GetProperty("sample").GetString() == name))
        {
            var test = DriftTest.Find(expected.GetProperty("test").GetString()!)!;
            var result = test.Compute(sample, expected.GetProperty("threshold").GetDouble());
            var what = $"{name} {test.Name}";

            DriftFixture.Close(DriftFixture.Number(expected.GetProperty("statistic")), result.Statistic, 1e-9, what + " statistic");
            if (expected.GetProperty("pvalue").ValueKind == JsonValueKind.Null)
            {
                Assert.Null(result.PValue);
            }
            else if (test is ZTest)
            {
                // Evidently's 2·(1 − Φ(|z|)) carries an absolute error of about 1e-16 (and is 0 beyond |z| ≈ 8.3); Keel's
                // 2·Φ(−|z|) does not, so the two agree to 1e-9 relative plus that absolute error.
                DriftFixture.Close(expected.GetProperty("pvalue").GetDouble(), result.PValue!.Value, 1e-9, what + " p-value", absolute: 1e-15);
            }
            else
            {
                DriftFixture.Close(expected.GetProperty("pvalue").GetDouble(), result.PValue!.Value, 1e-9, what + " p-value");
            }
            Assert.True(expected.GetProperty("drifted").GetBoolean() == result.Drifted, what + " drifted");
            Assert.Equal(expected.TryGetProperty("note", out var note) ? note.GetString() : null, result.Note);
        }
    }
}
