namespace Keel.Monitoring.Streaming;

/// <summary>
/// CPython's <c>random.Random</c> for an integer seed (Matsumoto and Nishimura's MT19937, seeded by
/// <c>init_by_array</c> with the seed's 32-bit words), far enough to draw what KSWIN draws: <c>getrandbits</c>,
/// <c>_randbelow</c> and <c>sample(range(n), k)</c>. With it a seeded <see cref="Kswin"/> picks the same
/// reference values as River's KSWIN with the same seed.
/// </summary>
internal sealed class MersenneTwister
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;

    public MersenneTwister(int seed)
    {
        // random.seed(a) takes |a| as little-endian 32-bit words; |int| fits one.
        var key = (uint)Math.Abs((long)seed);
        _state[0] = 19650218u;
        for (var i = 1; i < N; i++) _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        int s = 1;
        for (var k = N; k > 0; k--)
        {
            _state[s] = (_state[s] ^ ((_state[s - 1] ^ (_state[s - 1] >> 30)) * 1664525u)) + key;
            if (++s >= N) { _state[0] = _state[N - 1]; s = 1; }
        }
        for (var k = N - 1; k > 0; k--)
        {
            _state[s] = (_state[s] ^ ((_state[s - 1] ^ (_state[s - 1] >> 30)) * 1566083941u)) - (uint)s;
            if (++s >= N) { _state[0] = _state[N - 1]; s = 1; }
        }
        _state[0] = 0x80000000u;
        _index = N;
    }

    /// <summary><c>getrandbits(32)</c>: the generator's next tempered word.</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        var y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary><c>_randbelow(n)</c>: a uniform integer in [0, n), by rejection on n's bit length.</summary>
    public int NextBelow(int n)
    {
        var bits = 32 - int.LeadingZeroCount(n);
        var r = (int)(NextUInt32() >> (32 - bits));
        while (r >= n) r = (int)(NextUInt32() >> (32 - bits));
        return r;
    }

    /// <summary><c>sample(range(n), k)</c>: k distinct integers of [0, n) in selection order.</summary>
    public int[] Sample(int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        var result = new int[k];
        // CPython keeps a pool when an n-length list is smaller than a k-length set, else a set of picks.
        var setSize = 21;
        if (k > 5) setSize += (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3) / Math.Log(4)));
        if (n <= setSize)
        {
            var pool = Enumerable.Range(0, n).ToArray();
            for (var i = 0; i < k; i++)
            {
                var j = NextBelow(n - i);
                result[i] = pool[j];
                pool[j] = pool[n - i - 1];
            }
        }
        else
        {
            var selected = new HashSet<int>();
            for (var i = 0; i < k; i++)
            {
                var j = NextBelow(n);
                while (!selected.Add(j)) j = NextBelow(n);
                result[i] = j;
            }
        }
        return result;
    }

    private void Twist()
    {
        const uint upper = 0x80000000u, lower = 0x7fffffffu, matrix = 0x9908b0dfu;
        for (var i = 0; i < N; i++)
        {
            var y = (_state[i] & upper) | (_state[(i + 1) % N] & lower);
            _state[i] = _state[(i + M) % N] ^ (y >> 1) ^ ((y & 1u) * matrix);
        }
        _index = 0;
    }
}
