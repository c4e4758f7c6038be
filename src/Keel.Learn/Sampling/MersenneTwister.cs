namespace Keel.Learn.Sampling;

/// <summary>
/// CPython's <c>random.Random</c> for an integer seed (Matsumoto and Nishimura's MT19937, seeded by
/// <c>init_by_array</c> with the seed's 32-bit words), far enough to draw what River's seeded methods draw:
/// <c>getrandbits</c>, <c>random</c>, <c>uniform</c>, <c>_randbelow</c>, <c>choices</c> with weights and
/// <c>sample(range(n), k)</c>. With it a seeded KSWIN picks the same reference values as River's KSWIN, and seeded
/// Half-Space Trees draw the same splits as River's <c>HalfSpaceTrees</c>, for the same seed.
/// </summary>
/// <example>
/// <code>
/// var random = new MersenneTwister(42);
/// var first = random.NextDouble(); // 0.6394267984578837, as random.Random(42).random() in CPython
/// </code>
/// </example>
public sealed class MersenneTwister
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

    /// <summary><c>random()</c>: a uniform double in [0, 1) from two words (27 + 26 bits), as CPython builds it.</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary><c>uniform(a, b)</c>: <c>a + (b - a) * random()</c>.</summary>
    public double Uniform(double a, double b) => a + (b - a) * NextDouble();

    /// <summary>
    /// <c>choices(range(n), weights)[0]</c>: an index drawn with probability proportional to its weight, by bisecting the
    /// cumulative weights at <c>random() * total</c> (one draw, as CPython makes it).
    /// </summary>
    public int Choice(ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty) throw new ArgumentException("Choose among at least one weight.", nameof(weights));
        Span<double> cumulative = weights.Length <= 256 ? stackalloc double[weights.Length] : new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++) cumulative[i] = total += weights[i];
        if (!(total > 0) || !double.IsFinite(total)) throw new ArgumentException("The weights must add up to a positive finite number.", nameof(weights));
        var x = NextDouble() * total;
        // bisect_right over cumulative[0 .. n-1), as CPython passes hi = n - 1.
        int lo = 0, hi = weights.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (x < cumulative[mid]) hi = mid; else lo = mid + 1;
        }
        return lo;
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
