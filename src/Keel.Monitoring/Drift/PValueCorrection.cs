namespace Keel.Monitoring.Drift;

/// <summary>Adjusted p-values for <see cref="MultipleTestingCorrection"/>.</summary>
/// <remarks>Benjamini, Y., Hochberg, Y. (1995), "Controlling the False Discovery Rate", JRSS B 57(1).</remarks>
internal static class PValueCorrection
{
    public static double[] Adjust(IReadOnlyList<double> pValues, MultipleTestingCorrection correction)
    {
        var m = pValues.Count;
        var adjusted = pValues.ToArray();
        switch (correction)
        {
            case MultipleTestingCorrection.Bonferroni:
                for (var i = 0; i < m; i++) adjusted[i] = Math.Min(1.0, pValues[i] * m);
                break;
            case MultipleTestingCorrection.BenjaminiHochberg:
                var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
                var running = 1.0;
                for (var rank = m; rank >= 1; rank--)
                {
                    var i = order[rank - 1];
                    running = Math.Min(running, pValues[i] * m / rank);
                    adjusted[i] = running;
                }
                break;
        }
        return adjusted;
    }
}
