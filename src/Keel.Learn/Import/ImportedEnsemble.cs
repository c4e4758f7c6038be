using Keel.Learn.Models;

namespace Keel.Learn.Import;

/// <summary>
/// A tree model trained outside Keel and read into Keel's own form: the trees, the link from raw scores to
/// predictions, and the feature names the file stored (if any). <see cref="ModelImport"/> makes a bundle of it.
/// </summary>
/// <param name="Ensemble">The trees in Keel's layout, with covers and base scores (margins).</param>
/// <param name="Link">Sigmoid for a binary classifier, softmax for a multiclass one, identity for regression.</param>
/// <param name="FeatureNames">The feature names stored in the file, in feature order; null when it stores none.</param>
/// <param name="Format">The library that trained it, as the manifest names it: "LightGbm" or "XGBoost".</param>
/// <param name="Objective">The objective the file names, e.g. "binary:logistic" or "multiclass num_class:3".</param>
public sealed record ImportedEnsemble(TreeEnsemble Ensemble, Link Link, IReadOnlyList<string>? FeatureNames, string Format, string Objective)
{
    /// <summary>What the user should know about the import (e.g. trees past an early-stopping best iteration). The default value is empty.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The task the link implies: sigmoid is binary, softmax multiclass, identity regression.</summary>
    public TaskKind Task => Link.Kind switch
    {
        LinkKind.Sigmoid => TaskKind.Binary,
        LinkKind.Softmax => TaskKind.Multiclass,
        _ => TaskKind.Regression,
    };

    /// <summary>The trainer the manifest records, e.g. "XGBoost (imported)".</summary>
    public string Trainer => $"{Format} (imported)";
}
