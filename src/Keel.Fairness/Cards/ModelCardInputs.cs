using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;

namespace Keel.Fairness.Cards;

/// <summary>Where a registered version sits in the registry, for its card.</summary>
public sealed record CardRegistryInfo(
    string Model, int Version, IReadOnlyList<string> Aliases, string CreatedBy, DateTimeOffset CreatedAt, string BundleSha256, string? Parent);

/// <summary>What <see cref="ModelCardBuilder"/> fills a card from; everything but the bundle is optional.</summary>
public sealed record ModelCardInputs
{
    public required ModelBundle Bundle { get; init; }

    /// <summary>Where the bundle is, as the reader would fetch it (a file path or <c>models:/churn/3</c>).</summary>
    public string? Path { get; init; }

    public CardRegistryInfo? Registry { get; init; }

    /// <summary>An evaluation on data the model did not train on; without it the bundle's recorded metrics are used.</summary>
    public EvaluationResult? Evaluation { get; init; }

    /// <summary>The evaluation data's name, e.g. its file name.</summary>
    public string? EvaluationData { get; init; }

    /// <summary>The fairness audit on the evaluation data: every group a slice, and the disparity measures.</summary>
    public FairnessAuditResult? Fairness { get; init; }

    /// <summary>Global importance of the inputs (e.g. permutation importance), largest first.</summary>
    public IReadOnlyList<(string Feature, double Importance)> Importance { get; init; } = [];

    /// <summary>Plots to embed (name and an image as a data URI).</summary>
    public IReadOnlyList<Graphic> Graphics { get; init; } = [];

    public ModelCardOwnerSections Owner { get; init; } = new();
}
