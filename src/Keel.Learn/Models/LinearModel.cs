namespace Keel.Learn.Models;

/// <summary>A linear function per output: raw score k = Bias[k] + Σ Weights[k][j] · x[j].</summary>
public sealed record LinearModel : Predictor
{
    public required double[][] Weights { get; init; }

    public required double[] Bias { get; init; }

    public override void ScoreRow(ReadOnlySpan<float> x, Span<double> raw)
    {
        for (var k = 0; k < OutputCount; k++)
        {
            var w = Weights[k];
            var s = Bias[k];
            for (var j = 0; j < w.Length; j++) s += w[j] * x[j];
            raw[k] = s;
        }
    }
}
