using System.Security.Cryptography;
using System.Text;

namespace Keel.Lifecycle.Promotion;

/// <summary>
/// What a model version must show before it may take a guarded alias (<c>champion</c> by default): minimum (or
/// maximum) evaluation metrics, maximum fairness gaps per sensitive column, a maximum share of drifted columns, and the
/// model-card fields its owner must have written. Written as YAML and registered in the store per model
/// (<c>keel models policy set</c>); <see cref="Parse"/> reads it and names the line of any mistake.
/// </summary>
/// <example>
/// <code>
/// var policy = PromotionPolicy.Parse("""
///     metrics:
///       roc_auc: { min: 0.85 }
///     fairness:
///       sex:
///         demographic_parity_difference: { max: 0.05 }
///     drift:
///       max_drift_share: 0.3
///     card:
///       required: [owners, limitations, ethical_considerations]
///     """);
/// // policy.Guards == ["champion"], policy.Metrics["roc_auc"].Min == 0.85
/// </code>
/// </example>
public sealed record PromotionPolicy
{
    /// <summary>The aliases the policy guards. The default value is <c>[champion]</c>.</summary>
    public IReadOnlyList<string> Guards { get; init; } = ["champion"];

    /// <summary>Limits on evaluation metrics by Keel's metric names (<c>roc_auc</c>, <c>accuracy</c>, <c>log_loss</c>, ...).</summary>
    public IReadOnlyDictionary<string, PolicyBound> Metrics { get; init; } = new Dictionary<string, PolicyBound>();

    /// <summary>Limits on fairness measures (Fairlearn's names) per sensitive column.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, PolicyBound>> Fairness { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, PolicyBound>>();

    /// <summary>The largest share of input columns that may have drifted from the training data; null checks no drift.</summary>
    public double? MaxDriftShare { get; init; }

    /// <summary>Model-card fields the owner must have written (see <c>ModelCardFields</c>).</summary>
    public IReadOnlyList<string> RequiredCardFields { get; init; } = [];

    /// <summary>The text the policy was read from.</summary>
    public string Text { get; init; } = "";

    /// <summary>The SHA-256 of <see cref="Text"/>, as the store records it.</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    /// <summary>True when the policy needs a data set to be checked (fairness or drift limits).</summary>
    public bool NeedsData => Fairness.Count > 0 || MaxDriftShare is not null;

    /// <summary>Reads a policy from YAML; every mistake is listed with its line and column.</summary>
    public static PromotionPolicy Parse(string text, string source = "policy") => PolicyReader.Read(text, source);
}
