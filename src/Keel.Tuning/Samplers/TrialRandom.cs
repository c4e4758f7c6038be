using System.Text;

namespace Keel.Tuning.Samplers;

/// <summary>
/// A random source fixed by the sampler's seed, the trial's number and the parameter's name (FNV-1a), so that a
/// resumed study, or a study shared by workers, draws exactly what one process would have drawn.
/// </summary>
internal static class TrialRandom
{
    public static Random For(int seed, int trialNumber, string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in BitConverter.GetBytes(seed).Concat(BitConverter.GetBytes(trialNumber)).Concat(Encoding.UTF8.GetBytes(name)))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return new Random((int)(hash ^ (hash >> 32)));
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double NextGaussian(this Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
