using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Monitoring.Drift;

/// <summary>
/// The 32-bit Mersenne Twister with the draws NumPy's legacy <c>np.random.RandomState</c> makes from it:
/// <c>np.random.seed(s)</c> (Matsumoto and Nishimura's <c>init_genrand</c>), bounded integers by masked rejection
/// (<c>random_interval</c>), and the Fisher–Yates shuffle behind <c>permutation</c> and
/// <c>choice(..., replace=False)</c>. Seeded, so Keel's permutation p-values are Evidently's, draw for draw.
/// </summary>
/// <remarks>Matsumoto, M., Nishimura, T. (1998), "Mersenne Twister", ACM TOMACS 8(1).</remarks>
internal sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;

    public Mt19937(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < N; i++) _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        var y = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_state), _index++);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A uniform integer in [0, max], drawn as NumPy's legacy <c>random_interval</c> does (max &lt; 2³²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Interval(uint max)
    {
        if (max == 0) return 0;
        var mask = uint.MaxValue >> System.Numerics.BitOperations.LeadingZeroCount(max); // the smallest 2^k − 1 ≥ max
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    private void Twist()
    {
        var s = _state;
        int k;
        for (k = 0; k < N - M; k++)
        {
            var y = (s[k] & 0x80000000u) | (s[k + 1] & 0x7fffffffu);
            s[k] = s[k + M] ^ (y >> 1) ^ ((y & 1u) * 0x9908b0dfu);
        }
        for (; k < N - 1; k++)
        {
            var y = (s[k] & 0x80000000u) | (s[k + 1] & 0x7fffffffu);
            s[k] = s[k + M - N] ^ (y >> 1) ^ ((y & 1u) * 0x9908b0dfu);
        }
        var last = (s[N - 1] & 0x80000000u) | (s[0] & 0x7fffffffu);
        s[N - 1] = s[M - 1] ^ (last >> 1) ^ ((last & 1u) * 0x9908b0dfu);
        _index = 0;
    }
}
