namespace Keel.Learn.Models.Decisions;

/// <summary>
/// How a randomized binary classifier turns P(positive) into a label, the same way on every path: a row is positive
/// when a uniform number u in [0, 1), derived from a stable hash of the row's feature values (and its sensitive group,
/// where the model has one) and <see cref="Seed"/>, is below its P(positive). The same row always gets the same answer,
/// so a server is consistent; over a population of distinct rows the share of positives equals the randomized
/// classifier's. Used by exponentiated-gradient mixtures and by the threshold optimizer (Fairlearn draws from a random
/// state at each <c>predict</c> instead).
/// </summary>
public sealed record RandomizedDecision(int Seed)
{
    /// <summary>The uniform number of one row: SplitMix64 over the bits of its features and the UTF-16 of its group.</summary>
    public double Uniform(ReadOnlySpan<float> features, string? group)
    {
        var h = Mix(0x9E3779B97F4A7C15UL ^ (ulong)(uint)Seed);
        foreach (var x in features)
        {
            var bits = BitConverter.SingleToUInt32Bits(x == 0f ? 0f : x); // -0 and 0 are the same value
            h = Mix(h ^ bits);
        }
        if (group is not null)
        {
            h = Mix(h ^ 0xD6E8FEB86659FD93UL);
            foreach (var c in group) h = Mix(h ^ c);
        }
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
