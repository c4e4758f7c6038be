using Keel.Data;
using Keel.Learn.Featurization;

namespace Keel.Learn.Bundles;

/// <summary>The input and output signatures of a model, as its manifest and the server describe them.</summary>
public static class Signature
{
    /// <summary>
    /// The input columns of a model: its featurization's, then, for a model post-processed per sensitive group, the
    /// sensitive column (categorical, its categories the groups the model knows), which a request must then carry.
    /// </summary>
    public static IReadOnlyList<InputColumn> Inputs(Models.Model model)
    {
        var inputs = Inputs(model.Features);
        return model.PostProcessor is { } post
            ? [.. inputs, new InputColumn(post.SensitiveColumn, ColumnType.Categorical, post.Groups.Select(g => g.Group).ToArray())]
            : inputs;
    }

    public static IReadOnlyList<InputColumn> Inputs(FeaturePlan plan) =>
        plan.Encodings.Select(e => e switch
        {
            OneHotEncoding o => new InputColumn(o.Column, ColumnType.Categorical, o.Categories),
            NumericEncoding n => new InputColumn(n.Column, n.SourceType),
            _ => throw new InvalidOperationException($"Unknown encoding {e.GetType().Name}."),
        }).ToArray();

    public static IReadOnlyList<OutputColumn> Outputs(Target target) => target.Task switch
    {
        TaskKind.Regression => [new OutputColumn("score", "FP64", [-1])],
        TaskKind.Anomaly => [new OutputColumn("score", "FP64", [-1]), new OutputColumn("is_anomaly", "BOOL", [-1])],
        _ => [new OutputColumn("label", "BYTES", [-1]), new OutputColumn("probabilities", "FP64", [-1, target.Classes.Count])],
    };
}
