using Keel.Data;

namespace Keel.Learn.Import;

/// <summary>What <see cref="ModelImport"/> needs beyond the imported trees: names for the inputs, label and classes.</summary>
public sealed record ModelImportOptions
{
    /// <summary>The model's name in its manifest. The default value is "imported".</summary>
    public string Name { get; init; } = "imported";

    /// <summary>The label the model predicts, as the manifest and predictions name it. The default value is "label".</summary>
    public string Label { get; init; } = "label";

    /// <summary>
    /// The input columns, one per model feature in the model's feature order; each numeric or boolean (0/1). The
    /// default value is null: the feature names stored in the model file, all numeric.
    /// </summary>
    public IReadOnlyList<ColumnSchema>? Inputs { get; init; }

    /// <summary>
    /// The class names of a classifier in the order of the model's outputs (a binary model's second class is the
    /// positive one). The default value is null: "0", "1", ... Must stay null or empty for a regression model.
    /// </summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The model file, as the manifest's parameters record it. The default value is "".</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// The reference data's name (a file name), recorded as the manifest's training data when a reference table is
    /// given. The default value is "".
    /// </summary>
    public string ReferenceSource { get; init; } = "";
}
