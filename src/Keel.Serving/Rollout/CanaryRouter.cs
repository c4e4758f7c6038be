using System.Text;

namespace Keel.Serving.Rollout;

/// <summary>
/// Decides which requests a canary answers. With a key, a stable hash of the key (64-bit FNV-1a over its UTF-8 bytes,
/// then the SplitMix64 finalizer, so that keys differing in one character land far apart) is mapped to [0, 1) and
/// compared with the share: the same key goes the same way in every process and on every machine, unlike
/// <see cref="string.GetHashCode()"/>, which .NET randomizes per process. Without a key, requests are spread by their
/// order so that exactly the share of them, rounded down, goes to the canary at every moment.
/// </summary>
/// <example>
/// <code>
/// var router = new CanaryRouter(0.1);
/// bool canary = router.RouteKey("customer-42"); // the same answer every time, on every server
/// </code>
/// </example>
internal sealed class CanaryRouter(double share)
{
    private long _unkeyed;

    public double Share { get; } = share;

    /// <summary>Whether the request with this key goes to the canary.</summary>
    public bool RouteKey(string key) => Position(key) < Share;

    /// <summary>Whether the next request without a key goes to the canary: request n does when ⌊(n+1)·share⌋ &gt; ⌊n·share⌋.</summary>
    public bool RouteNext()
    {
        var n = Interlocked.Increment(ref _unkeyed) - 1;
        return Math.Floor((n + 1) * Share) > Math.Floor(n * Share);
    }

    /// <summary>The key's place in [0, 1): its stable 64-bit hash, top 53 bits as a fraction.</summary>
    public static double Position(string key) => (StableHash(key) >> 11) * (1.0 / (1UL << 53));

    /// <summary>FNV-1a (64-bit) of the key's UTF-8 bytes, mixed by SplitMix64's finalizer.</summary>
    public static ulong StableHash(string key)
    {
        const ulong offset = 14695981039346656037UL, prime = 1099511628211UL;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(key.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(key, buffer)] : Encoding.UTF8.GetBytes(key);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= prime;
        }
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return hash;
    }
}
