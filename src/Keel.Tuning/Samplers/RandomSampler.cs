using System.Globalization;
using Keel.Tuning.Distributions;

namespace Keel.Tuning.Samplers;

/// <summary>
/// Independent uniform draws: uniform over the range (or its logarithm, for log-scale parameters), over the grid for
/// stepped ones, over the choices for categorical ones (Bergstra &amp; Bengio 2012; Optuna's <c>RandomSampler</c>).
/// </summary>
/// <example>
/// <code>
/// var study = Study.Open("demo", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(seed: 1));
/// study.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10) - 2, 2), new OptimizeOptions { Trials = 50 });
/// </code>
/// </example>
public sealed class RandomSampler(int seed = 42) : ISampler
{
    public int Seed { get; } = seed;

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"random(seed={Seed})");

    public double Sample(SamplingContext context, string name, ParameterDistribution distribution) =>
        Draw(TrialRandom.For(Seed, context.TrialNumber, name), distribution);

    internal static double Draw(Random random, ParameterDistribution distribution)
    {
        switch (distribution)
        {
            case FloatDistribution { Step: { } step } f:
                return f.Low + random.NextInt64(0, (long)Math.Round((f.High - f.Low) / step) + 1) * step;
            case FloatDistribution { Log: true } f:
                return Math.Clamp(Math.Exp(Uniform(random, Math.Log(f.Low), Math.Log(f.High))), f.Low, f.High);
            case FloatDistribution f:
                return Uniform(random, f.Low, f.High);
            case IntDistribution { Log: true } i:
                return Math.Clamp(Math.Round(Math.Exp(Uniform(random, Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5)))), i.Low, i.High);
            case IntDistribution i:
                return i.Low + random.NextInt64(0, (i.High - i.Low) / i.Step + 1) * i.Step;
            case CategoricalDistribution c:
                return random.Next(c.Choices.Count);
            default:
                throw new KeelTuningException($"The distribution {distribution.GetType().Name} has no random sampling.");
        }
    }

    private static double Uniform(Random random, double low, double high) => low + random.NextDouble() * (high - low);
}
