using System.Text.Json;
using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>How the challenger answered live requests in the server's shadow, and the server's own figures of it.</summary>
internal sealed record ShadowResult(int Requests, int Calls, double ChampionCallShare, double ChallengerCallShare, double Agreement, ShadowFigures Server);

/// <summary>
/// Stage 7, shadow: the server scored the live requests with the challenger (its shadow rollout follows the alias
/// <c>challenger</c>) and logged those rows as variant <c>shadow</c>, with the champion's request ids; the demo reads
/// them back from the store's prediction log and compares them with what the champion answered. The answers went to
/// no one. Each model calls the customers from its own threshold.
/// </summary>
internal static class ShadowScoring
{
    public static async Task<ShadowResult> Read(IKeelStore store, DemoServer server, TrafficReplay traffic, IReadOnlyList<SentRequest> sent, DemoModel champion,
        DemoModel challenger, CancellationToken cancel)
    {
        var ids = sent.ToDictionary(r => r.Id, r => r.Rows, StringComparer.Ordinal);
        var shadow = new Dictionary<int, double>();
        var requests = 0;
        // The server scores the shadow and writes its log in the background: wait (up to 10 s) until every request is in it.
        for (var attempt = 0; attempt < 100 && requests < ids.Count; attempt++)
        {
            if (attempt > 0) await Task.Delay(100, cancel).ConfigureAwait(false);
            shadow.Clear();
            requests = 0;
            foreach (var entry in ReadFrom(store, 0))
                if (entry.Variant == PredictionVariants.Shadow && entry.Version == challenger.Version && ids.TryGetValue(entry.RequestId, out var rows))
                {
                    requests++;
                    var p = YesProbabilities(entry.Outputs);
                    for (var i = 0; i < rows.Length && i < p.Length; i++) shadow[rows[i]] = p[i];
                }
        }
        var figures = await server.Rollout(cancel).ConfigureAwait(false);
        if (shadow.Count == 0) return new ShadowResult(0, 0, 0, 0, 0, figures);
        var championCalls = shadow.Keys.Select(r => traffic.Probability[r] >= champion.Bundle.Model.Threshold).ToArray();
        var challengerCalls = shadow.Values.Select(p => p >= challenger.Bundle.Model.Threshold).ToArray();
        return new ShadowResult(requests, shadow.Count, championCalls.Average(c => c ? 1.0 : 0), challengerCalls.Average(c => c ? 1.0 : 0),
            championCalls.Zip(challengerCalls).Average(p => p.First == p.Second ? 1.0 : 0), figures);
    }

    /// <summary>P(yes) of each row of a logged entry's outputs (<c>{"label":[...],"probabilities":[[no, yes], ...]}</c>).</summary>
    private static double[] YesProbabilities(string outputs)
    {
        using var json = JsonDocument.Parse(outputs);
        return json.RootElement.GetProperty("probabilities").EnumerateArray().Select(row => row[row.GetArrayLength() - 1].GetDouble()).ToArray();
    }

    /// <summary>Every shadow entry the server logged in the run: requests and rows.</summary>
    public static (int Requests, long Rows) Logged(IKeelStore store)
    {
        var shadow = ReadFrom(store, 0).Where(e => e.Variant == PredictionVariants.Shadow).ToList();
        return (shadow.Count, shadow.Sum(e => (long)e.Rows));
    }

    private static IEnumerable<PredictionRecord> ReadFrom(IKeelStore store, long after)
    {
        while (true)
        {
            var page = store.ReadPredictions(DemoRegistry.Model, after, 1000);
            foreach (var entry in page) yield return entry;
            if (page.Count < 1000) yield break;
            after = page[^1].Sequence;
        }
    }
}
