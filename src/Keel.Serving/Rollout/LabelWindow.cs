using System.Collections.Concurrent;
using System.Text.Json;

namespace Keel.Serving.Rollout;

/// <summary>
/// The predicted labels of recent rollout requests, by request id, kept until their feedback arrives or until
/// <see cref="RolloutOptions.LabelWindow"/> newer requests push them out. Feedback then scores each side on the same
/// footing: a shadow's labels sit next to the champion's under one id; a canary's under its own.
/// </summary>
internal sealed class LabelWindow(int capacity)
{
    /// <summary>What each side predicted for one request; either may still be missing (a shadow not yet scored).</summary>
    public sealed class Entry(RolloutGeneration generation)
    {
        public RolloutGeneration Generation { get; } = generation;

        public string[]? Champion;

        public string[]? Challenger;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private int _count; // ConcurrentDictionary.Count takes every lock: too dear per request

    /// <summary>Remembers a side's labels for a request; returns the entry so a shadow can add its own later.</summary>
    public Entry Remember(string requestId, RolloutGeneration generation, string[] labels, bool challenger)
    {
        var entry = new Entry(generation);
        if (_entries.TryAdd(requestId, entry))
        {
            Interlocked.Increment(ref _count);
            _order.Enqueue(requestId);
        }
        else
            entry = _entries.TryGetValue(requestId, out var existing) ? existing : entry; // a reused id keeps its first entry
        if (challenger) Volatile.Write(ref entry.Challenger, labels); else Volatile.Write(ref entry.Champion, labels);
        while (Volatile.Read(ref _count) > capacity && _order.TryDequeue(out var old))
            if (_entries.TryRemove(old, out _)) Interlocked.Decrement(ref _count);
        return entry;
    }

    /// <summary>Takes a request's entry when its label arrives (once: a second label for the same id is not counted again).</summary>
    public Entry? Take(string requestId)
    {
        if (!_entries.TryRemove(requestId, out var entry)) return null;
        Interlocked.Decrement(ref _count);
        return entry;
    }

    /// <summary>
    /// The labels of a feedback value, one per row: a JSON array or one value; strings as they are, numbers and
    /// booleans as written. Null when it is none of these.
    /// </summary>
    public static string[]? Labels(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().Select(Text).ToArray() : [Text(root)];
        }
        catch (JsonException)
        {
            return null;
        }

        static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
    }

    /// <summary>How many predicted labels equal the true ones (booleans and case aside); -1 when the row counts differ.</summary>
    public static int Correct(string[] predicted, string[] truth)
    {
        if (predicted.Length != truth.Length) return -1;
        var correct = 0;
        for (var i = 0; i < predicted.Length; i++)
            if (string.Equals(predicted[i], truth[i], StringComparison.OrdinalIgnoreCase)) correct++;
        return correct;
    }
}
