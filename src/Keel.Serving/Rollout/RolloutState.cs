using Keel.Serving.Observability;
using Keel.Store;

namespace Keel.Serving.Rollout;

/// <summary>
/// The live state of a model's rollout: its options, the canary router, the current generation (pair of versions)
/// with its figures and rollback, the rollbacks so far, the label window that feedback is scored against, and the
/// shadow queue's counts. Shared by the requests, the shadow scorer and the feedback endpoint.
/// </summary>
internal sealed class RolloutState
{
    private readonly TimeProvider _clock;
    private readonly List<Rollback> _rollbacks = [];
    private RolloutGeneration? _current;
    private long _shadowDropped, _shadowDisagreements;

    public RolloutState(RolloutOptions options, ServerMetrics metrics, TimeProvider clock)
    {
        Options = options;
        _clock = clock;
        Router = new CanaryRouter(options.CanaryShare);
        Labels = new LabelWindow(options.LabelWindow);
        var model = options.Challenger.Name;
        ChampionCounter = metrics.Variant(model, PredictionVariants.Champion);
        ChallengerCounter = metrics.Variant(model, Variant);
    }

    public RolloutOptions Options { get; }

    public string Model => Options.Challenger.Name;

    /// <summary>The variant the challenger's log entries carry: shadow or canary.</summary>
    public string Variant => Options.Mode == RolloutMode.Shadow ? PredictionVariants.Shadow : PredictionVariants.Canary;

    public CanaryRouter Router { get; }

    public LabelWindow Labels { get; }

    public ServerMetrics.VariantCounter ChampionCounter { get; }

    public ServerMetrics.VariantCounter ChallengerCounter { get; }

    public long ShadowDropped => Interlocked.Read(ref _shadowDropped);

    public long ShadowDisagreements => Interlocked.Read(ref _shadowDisagreements);

    /// <summary>The generation of the latest pair seen; null before the first request.</summary>
    public RolloutGeneration? Latest => Volatile.Read(ref _current);

    public IReadOnlyList<Rollback> Rollbacks
    {
        get { lock (_rollbacks) return [.. _rollbacks]; }
    }

    /// <summary>The generation of these versions: the current one, or a new one when either side's alias moved.</summary>
    public RolloutGeneration Generation(int championVersion, int challengerVersion)
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && current.ChampionVersion == championVersion && current.ChallengerVersion == challengerVersion) return current;
            var next = new RolloutGeneration(championVersion, challengerVersion, _clock.GetUtcNow());
            if (Interlocked.CompareExchange(ref _current, next, current) == current) return next;
        }
    }

    public void ShadowDrop() => Interlocked.Increment(ref _shadowDropped);

    public void ShadowDisagreed(int rows) => Interlocked.Add(ref _shadowDisagreements, rows);

    /// <summary>
    /// Applies the rollback rule to a canary generation; returns the rollback when this call made it (the caller tells
    /// the world), null when the canary goes on or was already rolled back.
    /// </summary>
    public Rollback? Decide(RolloutGeneration generation)
    {
        if (Options.Mode != RolloutMode.Canary || generation.RolledBack) return null;
        lock (generation.Deciding)
        {
            if (generation.RolledBack) return null;
            var champion = generation.Champion.Snapshot();
            var canary = generation.Challenger.Snapshot();
            if (RollbackRule.Decide(champion, canary, Options) is not { } decision) return null;
            var rollback = new Rollback(generation.ChampionVersion, generation.ChallengerVersion, _clock.GetUtcNow(), decision.Rule, decision.Reason, champion, canary);
            if (!generation.MarkRolledBack(rollback)) return null;
            lock (_rollbacks) _rollbacks.Add(rollback);
            return rollback;
        }
    }

    /// <summary>
    /// Scores labels that arrived as feedback against what each side predicted for those requests; returns the
    /// generations that received labels (for a rollback decision).
    /// </summary>
    public IReadOnlyCollection<RolloutGeneration> Feedback(IEnumerable<Feedback> feedback)
    {
        var touched = new HashSet<RolloutGeneration>();
        foreach (var item in feedback)
        {
            if (Labels.Take(item.RequestId) is not { } entry || LabelWindow.Labels(item.Label) is not { } truth) continue;
            if (Volatile.Read(ref entry.Champion) is { } champion && LabelWindow.Correct(champion, truth) is >= 0 and var c1)
                entry.Generation.Champion.Labelled(truth.Length, c1);
            if (Volatile.Read(ref entry.Challenger) is { } challenger && LabelWindow.Correct(challenger, truth) is >= 0 and var c2)
                entry.Generation.Challenger.Labelled(truth.Length, c2);
            touched.Add(entry.Generation);
        }
        return touched;
    }
}
