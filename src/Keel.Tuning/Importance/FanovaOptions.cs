namespace Keel.Tuning.Importance;

/// <summary>The random forest behind <see cref="FanovaImportance"/>; the defaults are Optuna's <c>FanovaImportanceEvaluator</c>'s.</summary>
public sealed record FanovaOptions
{
    /// <summary>Trees in the forest. The default value is 64; the range is 1 to 1024.</summary>
    public int Trees { get; init; } = 64;

    /// <summary>The deepest a tree grows. The default value is 64; the range is 1 to 256.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Whether each tree learns from a bootstrap sample of the trials (false: from all of them). The default value is true.</summary>
    public bool Bootstrap { get; init; } = true;

    /// <summary>The seed of the bootstrap samples and of the order features are tried in. The default value is 0.</summary>
    public int Seed { get; init; }

    public IEnumerable<string> Validate()
    {
        if (Trees is < 1 or > 1024) yield return $"Trees must be between 1 and 1024; it is {Trees}.";
        if (MaxDepth is < 1 or > 256) yield return $"MaxDepth must be between 1 and 256; it is {MaxDepth}.";
    }
}
