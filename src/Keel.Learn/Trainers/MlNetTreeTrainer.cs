using System.Globalization;

namespace Keel.Learn.Trainers;

/// <summary>The options ML.NET's tree trainers share: trees, leaves per tree, fewest rows per leaf.</summary>
public abstract class MlNetTreeTrainer : FeaturizedTrainer
{
    /// <summary>Trees. The default value is 200; the range is 1 to 100,000.</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Leaves per tree; the range is 2 to 16,384. The default value is the trainer's own.</summary>
    public int Leaves { get; init; }

    /// <summary>Fewest rows in a leaf. The default value is 10.</summary>
    public int MinRowsPerLeaf { get; init; } = 10;

    public override IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var p = new Dictionary<string, string>
            {
                ["trees"] = Trees.ToString(CultureInfo.InvariantCulture),
                ["leaves"] = Leaves.ToString(CultureInfo.InvariantCulture),
                ["min_rows_per_leaf"] = MinRowsPerLeaf.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (k, v) in MoreParameters()) p[k] = v;
            return p;
        }
    }

    /// <summary>ML.NET's tree trainers here handle binary and regression tasks.</summary>
    public override bool Supports(TaskKind task) => task != TaskKind.Multiclass;

    protected override IEnumerable<string> Validate()
    {
        if (Trees is < 1 or > 100_000) yield return $"Trees must be between 1 and 100,000; it is {Trees}.";
        if (Leaves is < 2 or > 16_384) yield return $"Leaves must be between 2 and 16,384; it is {Leaves}.";
        if (MinRowsPerLeaf < 1) yield return $"MinRowsPerLeaf must be at least 1; it is {MinRowsPerLeaf}.";
        foreach (var problem in ValidateMore()) yield return problem;
    }

    protected virtual IEnumerable<KeyValuePair<string, string>> MoreParameters() => [];

    protected virtual IEnumerable<string> ValidateMore() => [];
}
