using System.Globalization;
using Keel.Learn.Native;

namespace Keel.Learn.Import;

/// <summary>
/// Reads a LightGBM model text file (<c>booster.save_model("model.txt")</c>) for import: the trees and link through
/// <see cref="LightGbmModelText"/>, and the feature names of its <c>feature_names=</c> line.
/// </summary>
/// <remarks>
/// Keel treats only NaN as missing. A model trained with <c>zero_as_missing=true</c> (missing type "Zero": zeros
/// take the default direction) would be scored differently, so it is refused, naming the tree.
/// </remarks>
/// <example>
/// <code>
/// var imported = LightGbmModelFile.Parse(File.ReadAllText("churn.txt"), "churn.txt");
/// var bundle = ModelImport.Build(imported, new ModelImportOptions { Label = "Churn", Classes = ["No", "Yes"] });
/// </code>
/// </example>
public static class LightGbmModelFile
{
    /// <summary>What the manifest's trainer says: "LightGbm (imported)".</summary>
    public const string Format = "LightGbm";

    /// <summary>Parses the text of a LightGBM model; <paramref name="source"/> names it in errors.</summary>
    public static ImportedEnsemble Parse(string text, string source = "the LightGBM model")
    {
        ArgumentNullException.ThrowIfNull(text);
        string[]? names = null;
        var objective = "regression";
        var tree = -1;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("end of trees", StringComparison.Ordinal)) break;
            if (line.StartsWith("Tree=", StringComparison.Ordinal)) { tree++; continue; }
            if (tree < 0 && line.StartsWith("feature_names=", StringComparison.Ordinal))
                names = line["feature_names=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            else if (tree < 0 && line.StartsWith("objective=", StringComparison.Ordinal))
                objective = line["objective=".Length..];
            else if (tree >= 0 && line.StartsWith("decision_type=", StringComparison.Ordinal))
                RefuseZeroAsMissing(line["decision_type=".Length..], tree, source);
        }

        Models.TreeEnsemble ensemble;
        Models.Link link;
        try
        {
            (ensemble, link) = LightGbmModelText.Parse(text);
        }
        catch (KeelLearnException e)
        {
            throw new KeelLearnException($"{source}: {e.Message}", e);
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            throw new KeelLearnException($"{source} is not a valid LightGBM model text ({e.Message}). Save the model with booster.save_model(\"model.txt\") and import that file.", e);
        }
        if (names is not null && names.Length != ensemble.FeatureCount)
            throw new KeelLearnException($"{source}: the feature_names line has {names.Length} names but the model has {ensemble.FeatureCount} features (max_feature_idx + 1). The file is damaged; save the model again.");
        return new ImportedEnsemble(ensemble, link, names, Format, objective);
    }

    private static void RefuseZeroAsMissing(string decisionTypes, int tree, string source)
    {
        foreach (var part in decisionTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var decision)) continue;
            if (((decision >> 2) & 3) == 1)
                throw new KeelLearnException($"{source}: tree {tree} treats zero as missing (the model was trained with zero_as_missing=true); Keel treats only NaN as missing and would score zeros differently. Retrain with zero_as_missing=false and import again.");
        }
    }
}
