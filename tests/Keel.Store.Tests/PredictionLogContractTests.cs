using System.Security.Cryptography;

namespace Keel.Store.Tests;

/// <summary>The prediction log, feedback and the server's reads (bundles, keys), on every backend.</summary>
public class PredictionLogContractTests
{
    private static PredictionRecord Entry(int i, int version = 1) =>
        new("churn", version, $"req-{i}", DateTimeOffset.UnixEpoch.AddSeconds(i), 0.5 + i, 1, $"{{\"tenure\":[{i}]}}", "{\"label\":[\"No\"]}");

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void LogPredictions_ABatch_IsReadBackInOrderAndPagesBySequence(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();

        store.LogPredictions(Enumerable.Range(0, 450).Select(i => Entry(i)).ToArray());
        store.LogPredictions([Entry(450, version: 2)]);
        var first = store.ReadPredictions("churn", limit: 300);
        var rest = store.ReadPredictions("churn", first[^1].Sequence);

        Assert.Equal(451, store.CountPredictions("churn"));
        Assert.Equal(Enumerable.Range(0, 451).Select(i => $"req-{i}"), first.Concat(rest).Select(p => p.RequestId));
        Assert.Equal(Entry(7) with { Sequence = first[7].Sequence }, first[7]);
        Assert.Equal(2, rest[^1].Version);
        Assert.Empty(store.ReadPredictions("fraud"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void LogPredictions_Variants_AreReadBack_AndAShadowSharesTheChampionsRequestId(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();

        store.LogPredictions([Entry(1), Entry(1, version: 2) with { Variant = PredictionVariants.Shadow }, Entry(2, version: 2) with { Variant = PredictionVariants.Canary }]);
        var read = store.ReadPredictions("churn");

        Assert.Equal([(1, "req-1", "champion"), (2, "req-1", "shadow"), (2, "req-2", "canary")], read.Select(p => (p.Version, p.RequestId, p.Variant)));
        Assert.Equal([true, false, false], read.Select(p => p.IsChampion));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ReadPredictions_ARowWrittenWithoutAVariant_ReadsAsChampion(string backend)
    {
        using var t = Backends.Create(backend);
        using (var store = t.Open()) store.LogPredictions([Entry(1)]); // migrates the schema
        t.Sql("INSERT INTO predictions (model, version, request_id, at, latency_ms, row_count, inputs, outputs) VALUES ('churn', 1, 'old-1', '2026-01-01T00:00:00.0000000+00:00', 1.5, 1, '{}', '{}')");

        using var reopened = t.Open();

        Assert.Equal(PredictionVariants.Champion, reopened.ReadPredictions("churn").Single(p => p.RequestId == "old-1").Variant);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Feedback_CountsTheRequestsItMatches_AndNeedsAPredictor(string backend)
    {
        using var t = Backends.Create(backend);
        using (var admin = t.Open()) admin.LogPredictions([Entry(1), Entry(2)]);
        using var predictor = t.Open(new Actor("svc", Role.Predictor));
        using var viewer = t.Open(new Actor("vic", Role.Viewer));
        var at = DateTimeOffset.UnixEpoch;

        var matched = predictor.LogFeedback([new Feedback("churn", "req-1", "\"Yes\"", at), new Feedback("churn", "req-404", "\"No\"", at)]);

        Assert.Equal(1, matched);
        Assert.Equal([("req-1", "\"Yes\"", "svc"), ("req-404", "\"No\"", "svc")], predictor.ReadFeedback("churn").Select(f => (f.RequestId, f.Label, f.Actor)));
        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.LogFeedback([new Feedback("churn", "req-2", "\"No\"", at)])).Forbidden);
        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.LogPredictions([Entry(3)])).Forbidden);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void GetBundle_ReturnsTheRegisteredBytes_AndRefusesAChangedOne(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var run = store.StartRun("churn");
        var sha = store.PutArtifact(run.Id, "model.keel", bytes);
        store.CreateModel("churn");
        var version = store.CreateVersion("churn", sha, "{}", "{}", "fp", run.Id);

        Assert.Equal(bytes, store.GetBundle(version));
        var forged = version with { BundleSha256 = new string('0', 64) };
        Assert.Contains("missing from the store", Assert.Throws<KeelStoreException>(() => store.GetBundle(forged)).Message);
        if (t.Folder is { } folder)
        {
            File.WriteAllBytes(Path.Combine(folder, "artifacts", sha[..2], sha), [1, 2, 3]);
            Assert.Contains("has changed since it was registered", Assert.Throws<KeelStoreException>(() => store.GetBundle(version)).Message);
        }
        else
        {
            t.Sql($"UPDATE artifact_contents SET content = '\\x010203' WHERE sha256 = '{sha}'");
            Assert.Contains("has changed since it was registered", Assert.Throws<KeelStoreException>(() => store.GetBundle(version)).Message);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Authenticate_NamesTheKeysActor_AndRefusesARevokedKey(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var admin = store.CreateApiKey("alice", Role.Admin);
        using var asAlice = KeelStore.OpenWithKey(t.Uri, admin.Secret);
        var predictor = asAlice.CreateApiKey("svc", Role.Predictor);

        Assert.Equal(new Actor("svc", Role.Predictor), store.Authenticate(predictor.Secret));
        asAlice.RevokeApiKey(predictor.Key.Id);
        Assert.Throws<KeelStoreException>(() => store.Authenticate(predictor.Secret));
        Assert.Throws<KeelStoreException>(() => store.Authenticate("keel_nope_nope"));
    }
}
