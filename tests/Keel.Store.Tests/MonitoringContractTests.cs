namespace Keel.Store.Tests;

/// <summary>Monitoring runs, alerts and their webhook delivery, and feedback looked up by request id, on every backend.</summary>
public class MonitoringContractTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static MonitoringRun Run(long from, long to, int version = 1, string model = "churn") =>
        new(model, version, from, to, Rows: (int)(to - from + 1) * 10, Windows: 2, Issues: 1, Alerts: 1, Result: "{\"rows\":20,\"quality\":[]}", At: T0.AddMinutes(to));

    private static Alert Unseen(string model = "churn") =>
        new(model, 1, "unseen_categories", "Contract", "3 values of 'Contract' are categories the reference never saw (e.g. 'Weekly').", T0);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void SaveMonitoringRun_StoresTheRunWithItsAlerts_AndReadsNewestFirst(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open(new Actor("server", Role.Predictor));

        var first = store.SaveMonitoringRun(Run(1, 10), [Unseen(), Unseen() with { Kind = "out_of_range", Column = "tenure", Message = "tenure is out of range." }]);
        var second = store.SaveMonitoringRun(Run(11, 25, version: 2), []);
        store.SaveMonitoringRun(Run(1, 5, model: "fraud"), []);

        var runs = store.ReadMonitoringRuns("churn");
        Assert.Equal([second.Run.Id, first.Run.Id], runs.Select(r => r.Id));
        Assert.Equal(Run(11, 25, version: 2) with { Id = second.Run.Id }, runs[0]);
        Assert.Equal(Run(1, 10) with { Id = first.Run.Id }, runs[1]);
        Assert.Single(store.ReadMonitoringRuns("churn", limit: 1));
        Assert.Equal(2, first.Alerts.Count);
        Assert.All(first.Alerts, a => Assert.Equal(first.Run.Id, a.RunId));
        var alerts = store.ReadAlerts("churn");
        Assert.Equal(["out_of_range", "unseen_categories"], alerts.Select(a => a.Kind));
        Assert.Equal(Unseen() with { RunId = first.Run.Id, Id = first.Alerts[0].Id }, alerts[1]);
        Assert.Empty(store.ReadAlerts("fraud"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void SaveMonitoringRun_OverLogEntriesAlreadyMonitored_IsRefusedAsAConflict(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open(new Actor("server", Role.Predictor));
        store.SaveMonitoringRun(Run(1, 10), [Unseen()]);

        var overlap = Assert.Throws<KeelStoreException>(() => store.SaveMonitoringRun(Run(10, 20), [Unseen()]));
        var backwards = Assert.Throws<KeelStoreException>(() => store.SaveMonitoringRun(Run(30, 20), []));

        Assert.True(overlap.Conflict);
        Assert.Contains("up to sequence 10 was already monitored", overlap.Message);
        Assert.False(backwards.Conflict);
        Assert.Single(store.ReadMonitoringRuns("churn"));
        Assert.Single(store.ReadAlerts("churn")); // the refused run's alert was not saved either
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void AlertDelivery_CountsAttempts_KeepsTheLastError_AndMarksDelivery(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open(new Actor("server", Role.Deployer));
        var alert = Assert.Single(store.RaiseAlerts([Unseen()]));

        store.RecordAlertDelivery(alert.Id, T0.AddSeconds(1), "HTTP 503 Service Unavailable");
        store.RecordAlertDelivery(alert.Id, T0.AddSeconds(3), "HTTP 503 Service Unavailable");
        var failing = Assert.Single(store.ReadAlerts("churn", undeliveredOnly: true));
        store.RecordAlertDelivery(alert.Id, T0.AddSeconds(7), null);

        Assert.Null(alert.RunId);
        Assert.Equal((2, "HTTP 503 Service Unavailable", (DateTimeOffset?)null), (failing.Attempts, failing.LastError, failing.DeliveredAt));
        var delivered = Assert.Single(store.ReadAlerts("churn"));
        Assert.Equal((3, null, T0.AddSeconds(7)), (delivered.Attempts, delivered.LastError, delivered.DeliveredAt));
        Assert.Empty(store.ReadAlerts("churn", undeliveredOnly: true));
        Assert.Contains("no alert 999", Assert.Throws<KeelStoreException>(() => store.RecordAlertDelivery(999, T0, null)).Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void MonitoringWrites_NeedAPredictor_ReadsAViewer_AndAreNotAudited(string backend)
    {
        using var t = Backends.Create(backend);
        using (var server = t.Open(new Actor("server", Role.Predictor)))
            server.SaveMonitoringRun(Run(1, 10), [Unseen()]);
        using var viewer = t.Open(new Actor("vic", Role.Viewer));

        Assert.Single(viewer.ReadMonitoringRuns("churn"));
        var alert = Assert.Single(viewer.ReadAlerts("churn"));
        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.SaveMonitoringRun(Run(11, 20), [])).Forbidden);
        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.RaiseAlerts([Unseen()])).Forbidden);
        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.RecordAlertDelivery(alert.Id, T0, null)).Forbidden);
        Assert.Equal(["denied", "denied", "denied"], viewer.ReadAudit().Select(a => a.Action)); // only the refusals
        Assert.True(viewer.VerifyAudit().Intact);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ReadFeedbackFor_FindsTheFeedbackOfThoseRequestIds_ManyAtOnce(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var ids = Enumerable.Range(0, 1200).Select(i => $"req-{i}").ToArray();
        store.LogFeedback(ids.Select(id => new Feedback("churn", id, "\"No\"", T0)).Append(new Feedback("fraud", "req-1", "\"Yes\"", T0)).ToArray());
        store.LogFeedback([new Feedback("churn", "req-7", "\"Yes\"", T0)]);

        var found = store.ReadFeedbackFor("churn", [.. ids.Where((_, i) => i % 2 == 1), "req-nope"]);

        Assert.Equal(601, found.Count);
        Assert.Equal(("req-7", "\"Yes\""), (found[^1].RequestId, found[^1].Label)); // oldest first: the later label comes last
        Assert.All(found, f => Assert.Equal("churn", f.Model));
        Assert.Empty(store.ReadFeedbackFor("churn", []));
    }
}
