namespace Keel.Fairness.Cards;

/// <summary>The model-card fields an owner writes (the Model Card Toolkit's names); Keel fills the rest.</summary>
public static class ModelCardFields
{
    public static readonly IReadOnlyList<string> OwnerFields =
    [
        "overview", "documentation", "owners", "licenses", "references", "citations",
        "users", "use_cases", "limitations", "tradeoffs", "ethical_considerations",
    ];

    /// <summary>The prefix of the version tags that hold the owner's fields in the registry (<c>card.limitations</c>).</summary>
    public const string TagPrefix = "card.";
}
