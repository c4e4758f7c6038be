using System.Globalization;
using Keel.Monitoring.Streaming;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    private static readonly int[] SeaDrifts = [12_500, 25_000, 37_500];

    /// <summary>
    /// Every streaming drift detector, with River's defaults (KSWIN seeded 0), on SEA (Street and Kim 2001): the
    /// shipped 50,000-row stream whose concept changes at 12,500, 25,000 and 37,500 (θ = 8, 9, 7, 9.5), and the
    /// 40,000-row stream of one concept (θ = 9) for false alarms. Nothing is trained. Each detector watches two streams:
    /// the errors of the fixed rule "a1 + a2 &gt; 8" (the first concept's boundary, as a model trained before the first
    /// drift would have it), and the class labels themselves. The two shipped files label the sides of the boundary
    /// oppositely (SEA_training_class.csv says 0 above it, sea_stream.csv 1), so the rule's label above the boundary is
    /// each file's majority label there in its first 1,000 rows. A drift's delay is the first detection at or after it
    /// and before the next drift (null: missed); every other detection on the drifting stream, and every detection on the
    /// stationary one, is a false alarm. Prints one JSON line.
    /// </summary>
    public static int SeaDrift(string folder)
    {
        var drifting = File.ReadLines(Path.Combine(folder, "SEA_training_data.csv"))
            .Zip(File.ReadLines(Path.Combine(folder, "SEA_training_class.csv")), (x, y) => SeaRow(x.Split(','), y))
            .ToArray();
        var stationary = File.ReadLines(Path.Combine(folder, "sea_stream.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => SeaRow(f[..3], f[3]))
            .ToArray();

        var driftingRule = SeaRule(drifting);
        var stationaryRule = SeaRule(stationary);
        var results = new List<object>();
        foreach (var (stream, drifted, still) in new (string, IEnumerable<double>, IEnumerable<double>)[]
                 {
                     ("rule_errors", drifting.Select(r => driftingRule(r) != r.Label ? 1.0 : 0.0), stationary.Select(r => stationaryRule(r) != r.Label ? 1.0 : 0.0)),
                     ("class_labels", drifting.Select(r => (double)r.Label), stationary.Select(r => (double)r.Label)),
                 })
        {
            foreach (var name in DriftDetectors.Names)
            {
                var drifts = DriftRun.Over(DriftDetectors.Create(name), drifted).DriftIndices;
                var alarms = DriftRun.Over(DriftDetectors.Create(name), still).DriftIndices;
                var delays = new List<long?>();
                for (var d = 0; d < SeaDrifts.Length; d++)
                {
                    var end = d + 1 < SeaDrifts.Length ? SeaDrifts[d + 1] : drifting.Length;
                    var first = drifts.Where(i => i >= SeaDrifts[d] && i < end).Cast<long?>().FirstOrDefault();
                    delays.Add(first - SeaDrifts[d]);
                }
                results.Add(new
                {
                    stream,
                    detector = name,
                    delays,
                    detections = drifts.Count,
                    false_alarms_drifting = drifts.Count - delays.Count(x => x is not null),
                    false_alarms_stationary = alarms.Count,
                });
            }
        }
        Emit(new
        {
            mode = "sea-drift",
            drifting_rows = drifting.Length,
            stationary_rows = stationary.Length,
            true_drifts = SeaDrifts,
            rule_error_rate_by_concept = Enumerable.Range(0, 4).Select(c => Math.Round(drifting.Skip(c * 12_500).Take(12_500).Average(r => driftingRule(r) != r.Label ? 1.0 : 0.0), 4)),
            rule_error_rate_stationary = Math.Round(stationary.Average(r => stationaryRule(r) != r.Label ? 1.0 : 0.0), 4),
            class_1_rate_by_concept = Enumerable.Range(0, 4).Select(c => Math.Round(drifting.Skip(c * 12_500).Take(12_500).Average(r => (double)r.Label), 4)),
            class_1_rate_stationary = Math.Round(stationary.Average(r => (double)r.Label), 4),
            results,
        });
        return 0;
    }

    /// <summary>The rule a1 + a2 &gt; 8, labelling that side as the file's first 1,000 rows mostly do.</summary>
    private static Func<(double A1, double A2, int Label), int> SeaRule((double A1, double A2, int Label)[] rows)
    {
        var above = rows.Take(1000).Where(r => r.A1 + r.A2 > 8).ToArray();
        var aboveLabel = above.Count(r => r.Label == 1) * 2 >= above.Length ? 1 : 0;
        return r => r.A1 + r.A2 > 8 ? aboveLabel : 1 - aboveLabel;
    }

    private static (double A1, double A2, int Label) SeaRow(string[] attributes, string label) =>
        (double.Parse(attributes[0], CultureInfo.InvariantCulture), double.Parse(attributes[1], CultureInfo.InvariantCulture),
            int.Parse(label.Trim(), CultureInfo.InvariantCulture));
}
