using System.Globalization;
using System.Text;
using Keel.Serving.Observability;
using Keel.Store;
using Microsoft.Extensions.Logging;

namespace Keel.Serving.Rollout;

/// <summary>
/// The server's rollout, if one is configured (<c>--shadow</c> or <c>--canary</c>), and what a rollback does beyond
/// the state change: a warning in the server's log and an alert in the store (kind <c>rollout_rollback</c>, with the
/// rule and the numbers), which <c>GET /v2/models/{name}/monitoring</c> lists. The store's audit log takes only the
/// registry's own actions, so a rollback is not audited there.
/// </summary>
internal sealed class Rollouts
{
    /// <summary>The versions a rollout's two sides serve.</summary>
    public readonly record struct ServedModelVersions(int Champion, int Challenger);

    public const string AlertKind = "rollout_rollback";

    /// <summary>The audit log's action for an automatic rollback (its target is <c>model@canary-version</c>).</summary>
    public const string AuditAction = "rollout.rollback";

    private readonly RolloutState? _state;
    private readonly IKeelStore _store;
    private readonly ILogger _logger;

    public Rollouts(ServerOptions options, ServerMetrics metrics, IKeelStore store, TimeProvider clock, ILogger<Rollouts> logger)
    {
        _state = options.Rollout is { } rollout ? new RolloutState(rollout, metrics, clock) : null;
        _store = store;
        _logger = logger;
    }

    /// <summary>The rollout of a model; null when it has none (then serving is exactly as without rollouts).</summary>
    public RolloutState? For(string model) => _state is { } s && string.Equals(s.Model, model, StringComparison.Ordinal) ? s : null;

    public RolloutState? State => _state;

    /// <summary>Applies the rollback rule, and when it fires logs it and raises the alert in the background.</summary>
    public void Decide(RolloutState state, RolloutGeneration generation)
    {
        if (state.Decide(generation) is not { } rollback) return;
        _logger.LogWarning("Rolled back the canary of {Model}: version {Canary} no longer answers; version {Champion} answers every request. Rule {Rule}: {Reason}.",
            state.Model, rollback.ChallengerVersion, rollback.ChampionVersion, rollback.Rule, rollback.Reason);
        var alert = new Alert(state.Model, rollback.ChallengerVersion, AlertKind, rollback.Rule,
            string.Create(CultureInfo.InvariantCulture, $"The canary of {state.Model} (version {rollback.ChallengerVersion} against champion version {rollback.ChampionVersion}) was rolled back: {rollback.Reason}."), rollback.At);
        _ = Task.Run(() =>
        {
            try
            {
                _store.RaiseAlerts([alert]);
                _store.RecordEvent(AuditAction, $"{state.Model}@{rollback.ChallengerVersion}", new Dictionary<string, string>
                {
                    ["rule"] = rollback.Rule,
                    ["reason"] = rollback.Reason,
                    ["champion_version"] = rollback.ChampionVersion.ToString(CultureInfo.InvariantCulture),
                    ["canary_version"] = rollback.ChallengerVersion.ToString(CultureInfo.InvariantCulture),
                    ["at"] = rollback.At.ToString("O", CultureInfo.InvariantCulture),
                });
            }
            catch (Exception e) { _logger.LogError("Cannot record the rollback of {Model} in the store (alert and audit log): {Problem}", state.Model, e.Message); }
        });
    }

    /// <summary>
    /// At start: a canary whose challenger version was rolled back before (an alert of this kind for that version in
    /// the store) stays rolled back, so a restarted server does not send traffic to it again; a moved alias starts afresh.
    /// </summary>
    public void Restore(ServedModelVersions versions)
    {
        if (_state is not { Options.Mode: RolloutMode.Canary } state) return;
        Alert? earlier;
        try
        {
            earlier = _store.ReadAlerts(state.Model, limit: 1000).FirstOrDefault(a => a.Kind == AlertKind && a.Version == versions.Challenger);
        }
        catch (Exception e) when (e is KeelStoreException or InvalidOperationException)
        {
            _logger.LogWarning("Cannot read earlier rollbacks of {Model}; the canary starts active: {Problem}", state.Model, e.Message);
            return;
        }
        if (earlier is null) return;
        var none = new VariantSnapshot(0, 0, 0, 0, 0, double.NaN);
        var generation = state.Generation(versions.Champion, versions.Challenger);
        generation.MarkRolledBack(new Rollback(versions.Champion, versions.Challenger, earlier.At, earlier.Column ?? "earlier", $"rolled back before this server started: {earlier.Message}", none, none));
        _logger.LogWarning("The canary of {Model} stays rolled back: version {Canary} was rolled back at {At:u} ({Rule}); move the alias to try another version.",
            state.Model, versions.Challenger, earlier.At, earlier.Column);
    }

    /// <summary>Scores feedback against the rollout's label window, then re-applies the rule to the generations it touched.</summary>
    public void Feedback(string model, IReadOnlyList<Feedback> feedback)
    {
        if (For(model) is not { } state) return;
        foreach (var generation in state.Feedback(feedback)) Decide(state, generation);
    }

    /// <summary>The rollout's own metrics: disagreements, shadow drops, state and rollbacks.</summary>
    public void Render(StringBuilder text)
    {
        if (_state is not { } s) return;
        var model = ServerMetrics.Escape(s.Model);
        ServerMetrics.Header(text, "keel_rollout_state", "gauge", "A model's rollout: 1 while the challenger takes part (shadow or canary), 0 once it is rolled back; labelled with the versions.");
        if (s.Latest is { } g)
            text.Append(CultureInfo.InvariantCulture, $"keel_rollout_state{{model=\"{model}\",mode=\"{s.Variant}\",champion_version=\"{g.ChampionVersion}\",challenger_version=\"{g.ChallengerVersion}\"}} {(g.RolledBack ? 0 : 1)}\n");
        else
            text.Append(CultureInfo.InvariantCulture, $"keel_rollout_state{{model=\"{model}\",mode=\"{s.Variant}\"}} 1\n");
        ServerMetrics.Header(text, "keel_rollout_rollbacks_total", "counter", "Canaries rolled back automatically.");
        text.Append(CultureInfo.InvariantCulture, $"keel_rollout_rollbacks_total{{model=\"{model}\"}} {s.Rollbacks.Count}\n");
        ServerMetrics.Header(text, "keel_shadow_disagreements_total", "counter", "Rows whose shadow prediction (label) differs from the champion's answer.");
        text.Append(CultureInfo.InvariantCulture, $"keel_shadow_disagreements_total{{model=\"{model}\"}} {s.ShadowDisagreements}\n");
        ServerMetrics.Header(text, "keel_shadow_queue_dropped_total", "counter", "Shadow requests dropped because the shadow queue was full (the champion's answers never wait).");
        text.Append(CultureInfo.InvariantCulture, $"keel_shadow_queue_dropped_total{{model=\"{model}\"}} {s.ShadowDropped}\n");
    }
}
