using System.Security.Cryptography;
using System.Text;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// When a model is retrained, on which data, how often at most, and how its challenger must beat the champion before
/// it is promoted. Written as YAML, one file per model, and kept in the store (<c>keel lifecycle policy set</c>);
/// <see cref="Parse"/> reads it and names the line and column of every mistake. Anything left out takes the default
/// written on its property.
/// </summary>
/// <example>
/// <code>
/// var policy = RetrainingPolicy.Parse("""
///     triggers:
///       schedule: 7d
///       drift: { max_drift_share: 0.3 }
///       performance: { metric: accuracy, max_drop: 0.05, estimated: true }
///     data:
///       window: original_plus_recent
///       recent_rows: 5000
///       recent_weight: 2
///     limits:
///       max_retrains_per_day: 2
///       min_new_labelled_rows: 500
///     challenger:
///       metric: accuracy
///       margin: 0.01
///       evaluation_rows: 2000
///       approval: human
///     """);
/// // policy.Schedule == TimeSpan.FromDays(7), policy.Window == DataWindowKind.OriginalPlusRecent
/// </code>
/// </example>
public sealed record RetrainingPolicy
{
    /// <summary>Retrain when the champion is older than this; null for no schedule. The default value is null.</summary>
    public TimeSpan? Schedule { get; init; }

    /// <summary>
    /// Retrain when more than this share of the input columns drifted on recent traffic from the training data (or the
    /// latest monitoring run raised a data-drift alert); null for no drift trigger. The default value is null.
    /// </summary>
    public double? MaxDriftShare { get; init; }

    /// <summary>Retrain when the champion's metric drops below its registered value by more than a limit; null for none. The default value is null.</summary>
    public PerformanceTrigger? Performance { get; init; }

    /// <summary>Which rows the challenger trains on. The default value is <see cref="DataWindowKind.Sliding"/>.</summary>
    public DataWindowKind Window { get; init; } = DataWindowKind.Sliding;

    /// <summary>How many of the most recent labelled rows (before the held-out evaluation rows) the window takes. The default value is 5000.</summary>
    public int RecentRows { get; init; } = 5000;

    /// <summary>
    /// With <see cref="DataWindowKind.OriginalPlusRecent"/>, how many times each recent row counts. Keel's trainers take
    /// no row weights, so a weight of k repeats each recent row k times. The default value is 1.
    /// </summary>
    public int RecentWeight { get; init; } = 1;

    /// <summary>At most this many retrains in any 24 hours. The default value is 1.</summary>
    public int MaxRetrainsPerDay { get; init; } = 1;

    /// <summary>Retrain only when at least this many labelled rows arrived since the champion was registered. The default value is 500.</summary>
    public int MinNewLabelledRows { get; init; } = 500;

    /// <summary>How the challenger is compared with the champion.</summary>
    public ChallengerSettings Challenger { get; init; } = new();

    /// <summary>The text the policy was read from.</summary>
    public string Text { get; init; } = "";

    /// <summary>The SHA-256 of <see cref="Text"/>.</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    /// <summary>True when at least one trigger is set.</summary>
    public bool HasTriggers => Schedule is not null || MaxDriftShare is not null || Performance is not null;

    /// <summary>Reads a policy from YAML; every mistake is listed with its line and column.</summary>
    public static RetrainingPolicy Parse(string text, string source = "retraining policy") => RetrainingPolicyReader.Read(text, source);
}
