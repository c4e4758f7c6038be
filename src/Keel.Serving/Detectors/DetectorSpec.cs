using System.Globalization;
using Keel.Anomaly.Streaming;

namespace Keel.Serving.Detectors;

/// <summary>
/// A named streaming anomaly detector the server keeps, from <c>--detector NAME:DETECTOR[,setting=value...]</c>, e.g.
/// <c>cpu:hst</c> or <c>latency:seasonal,season=hour-of-day,threshold=0.95</c>. <c>threshold</c> (default 0.9) is the
/// score at which a point is flagged; every other setting is the detector's (see <see cref="StreamingAnomalyDetectors"/>).
/// </summary>
public sealed record DetectorSpec(string Name, string Detector, IReadOnlyDictionary<string, string> Settings, double Threshold = 0.9)
{
    /// <summary>Parses <c>NAME:DETECTOR[,setting=value...]</c>; a malformed spec is refused with the form expected.</summary>
    public static DetectorSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        var head = parts[0].Split(':', StringSplitOptions.TrimEntries);
        if (head.Length != 2 || head[0].Length == 0 || head[1].Length == 0 || !head[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"--detector '{spec}' is not NAME:DETECTOR[,setting=value...], e.g. cpu:hst or latency:seasonal,season=hour-of-day (a name of letters, digits, '-', '_' or '.').");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var threshold = 0.9;
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--detector '{spec}': '{part}' is not setting=value.");
            var (key, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (key == "threshold")
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || !(threshold is > 0 and <= 1))
                    throw new ArgumentException($"--detector '{spec}': threshold must be a number above 0 and at most 1; it is '{value}'.");
            }
            else settings[key] = value;
        }
        return new DetectorSpec(head[0], head[1], settings, threshold);
    }

    /// <summary>A fresh detector of this spec; bad settings throw an <see cref="ArgumentException"/> that lists them.</summary>
    public IStreamingAnomalyDetector Create() => StreamingAnomalyDetectors.Create(Detector, Settings);

    public override string ToString() => Name + ":" + Detector;
}
