using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>How the challenger would have answered live requests the champion answered.</summary>
internal sealed record ShadowResult(int Requests, int Calls, double ChampionCallShare, double ChallengerCallShare, double Agreement);

/// <summary>
/// Stage 7, shadow: the challenger scores the requests the server logged since the labels last arrived (calls whose
/// outcome nobody knows yet), read back from the store's prediction log by request id; its answers are compared with
/// the champion's and never returned to anyone. The server does not yet run a shadow model itself, so the demo scores
/// the logged requests here.
/// </summary>
internal static class ShadowScoring
{
    public static ShadowResult Run(IKeelStore store, BankCalls calls, TrafficReplay traffic, IReadOnlyList<SentRequest> recent, DemoModel champion, DemoModel challenger)
    {
        var ids = recent.ToDictionary(r => r.Id, r => r.Rows, StringComparer.Ordinal);
        var logged = new List<int>();
        var requests = 0;
        // The server writes its log in the background: wait (up to 10 s) until every recent request is in it.
        for (var attempt = 0; attempt < 100 && requests < ids.Count; attempt++)
        {
            if (attempt > 0) Thread.Sleep(100);
            logged.Clear();
            requests = 0;
            foreach (var entry in ReadFrom(store, 0))
                if (ids.TryGetValue(entry.RequestId, out var rows))
                {
                    requests++;
                    logged.AddRange(rows);
                }
        }
        if (logged.Count == 0) return new ShadowResult(0, 0, 0, 0, 0);
        var rowsArray = logged.ToArray();
        var shadow = challenger.Bundle.Model.Predict(calls.Table.Take(rowsArray)).PositiveProbabilities();
        // Each model calls the customers at its own threshold, the one its training chose for the KPI.
        var championCalls = rowsArray.Select(r => traffic.Probability[r] >= champion.Bundle.Model.Threshold).ToArray();
        var challengerCalls = shadow.Select(p => p >= challenger.Bundle.Model.Threshold).ToArray();
        return new ShadowResult(requests, rowsArray.Length, championCalls.Average(c => c ? 1.0 : 0), challengerCalls.Average(c => c ? 1.0 : 0),
            championCalls.Zip(challengerCalls).Average(p => p.First == p.Second ? 1.0 : 0));
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
