namespace Keel.Anomaly.Tests.Nab;

/// <summary>NAB's test helpers (numenta/NAB nab/test_helpers.py): evenly spaced timestamps and evenly spread windows.</summary>
internal static class NabTimeline
{
    public static readonly DateTime Start = new(2015, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary><c>generateTimestamps(start, 5 minutes, length)</c>.</summary>
    public static DateTime[] Timestamps(int length) => Enumerable.Range(0, length).Select(i => Start.AddMinutes(5 * i)).ToArray();

    /// <summary>
    /// <c>generateWindows(timestamps, numWindows, windowSize)</c>: a gap of round((length − n × size) / (n + 1)) rows
    /// (Python rounds half to even) before each window of <paramref name="size"/> rows.
    /// </summary>
    public static Keel.Anomaly.Nab.NabWindow[] Windows(DateTime[] timestamps, int count, int size)
    {
        var gap = (int)Math.Round((timestamps.Length - count * size) / (double)(count + 1), MidpointRounding.ToEven);
        return Enumerable.Range(0, count).Select(i =>
        {
            var first = gap * (i + 1) + size * i;
            return new Keel.Anomaly.Nab.NabWindow(timestamps[first], timestamps[first + size - 1]);
        }).ToArray();
    }

    /// <summary>Index of a timestamp.</summary>
    public static int IndexOf(DateTime[] timestamps, DateTime t) => Array.IndexOf(timestamps, t);
}
