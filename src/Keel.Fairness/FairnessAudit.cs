using Keel.Data;
using Keel.Fairness.Bias;
using Keel.Fairness.Metrics;
using Keel.Learn;
using Keel.Learn.Models;

namespace Keel.Fairness;

/// <summary>
/// A fairness audit of a binary classifier's decisions: for each sensitive column and for their intersection, the
/// metrics per group with bootstrap intervals (<see cref="MetricFrame"/>), Fairlearn's named measures, disparate
/// impact with the four-fifths rule of thumb, SageMaker Clarify's pre-training bias metrics of the labels, warnings
/// for groups too small to judge, and the findings in plain sentences. Rows whose sensitive value is missing form the
/// group "(missing)" (never dropped silently); rows whose label is missing are left out and counted.
/// </summary>
/// <example>
/// <code>
/// var bundle = ModelBundle.Load("adult.keel");
/// var audit = FairnessAudit.Run(bundle.Model, CsvTableReader.Read("adult_test.csv"),
///     new FairnessAuditOptions { SensitiveColumns = ["sex", "race"] });
/// var dpd = audit.Analysis("sex").DemographicParityDifference;   // e.g. 0.19
/// foreach (var sentence in audit.Summary) Console.WriteLine(sentence);
/// </code>
/// </example>
public static class FairnessAudit
{
    /// <summary>Audits a binary model on a table that holds its label and the sensitive columns.</summary>
    public static FairnessAuditResult Run(Model model, Table table, FairnessAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(table);
        Check(options);
        if (model.Target.Task != TaskKind.Binary)
            throw new KeelDataException($"A fairness audit needs a binary classifier; this model is {model.Target.Task.ToString().ToLowerInvariant()} (label '{model.Target.Column}').");
        var classes = model.Target.Classes;
        var positive = options.PositiveClass ?? model.Target.PositiveClass!;
        if (!classes.Contains(positive))
            throw new KeelDataException($"The positive class '{positive}' is not a class of the model. Its classes are: {string.Join(", ", classes)}.");
        var negative = classes.First(c => c != positive);
        var label = AuditColumns.Find(table, model.Target.Column, "label");
        var warnings = new List<string>();
        var rows = LabelledRows(label, warnings);
        var unknown = rows.Select(label.FormatValue).Where(v => v != positive && v != negative).Distinct().ToArray();
        if (unknown.Length > 0)
            throw new KeelDataException($"The label column '{label.Name}' has values the model does not know: {string.Join(", ", unknown.Take(10))}. The model's classes are: {string.Join(", ", classes)}.");

        var subset = rows.Length == table.RowCount ? table : table.Take(rows);
        var predictions = model.Predict(subset);
        var p = predictions.PositiveProbabilities();
        var complement = positive != model.Target.PositiveClass;
        var data = new FairnessData
        {
            YTrue = rows.Select(i => label.FormatValue(i) == positive).ToArray(),
            YPred = predictions.Labels!.Select(l => l == positive).ToArray(),
            Scores = p.Select(x => complement ? 1 - x : x).ToArray(),
            SensitiveFeatures = AuditColumns.Features(table, options.SensitiveColumns, "sensitive", options.MaxGroups, rows),
            ControlFeatures = AuditColumns.Features(table, options.ControlColumns, "control", options.MaxGroups, rows),
        };
        return Assess(data, options, positive, negative, label.Name, warnings);
    }

    /// <summary>
    /// The headline numbers of a binary model on one sensitive column of a table that holds the model's label:
    /// demographic parity difference, equalized odds difference, disparate impact and the overall metrics. Without
    /// options, no bootstrap intervals are drawn (point values, fast); pass options to get them.
    /// </summary>
    /// <example>
    /// <code>
    /// var s = FairnessAudit.Summarize(bundle.Model, holdout, "sex");
    /// var passes = s.DemographicParityDifference.Value &lt;= 0.1 &amp;&amp; s.EqualizedOddsDifference.Value &lt;= 0.1;
    /// </code>
    /// </example>
    public static FairnessSummary Summarize(Model model, Table table, string sensitiveColumn, FairnessAuditOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sensitiveColumn);
        var audit = Run(model, table, (options ?? new FairnessAuditOptions { Bootstrap = 0 }) with { SensitiveColumns = [sensitiveColumn], Intersectional = false });
        var analysis = audit.Analyses[0];
        return new FairnessSummary
        {
            SensitiveColumn = sensitiveColumn,
            PositiveClass = audit.PositiveClass,
            Rows = audit.Rows,
            DemographicParityDifference = analysis.DemographicParityDifference,
            EqualizedOddsDifference = analysis.EqualizedOddsDifference,
            DisparateImpact = analysis.DisparateImpact.Ratio,
            BelowFourFifths = analysis.DisparateImpact.BelowThreshold,
            Overall = audit.Overall,
            Groups = analysis.Frame.ByGroup,
            Warnings = audit.Warnings,
            Sentences = audit.Summary,
        };
    }

    /// <summary>
    /// Audits scored data from any model: the label column, a prediction column (the label's classes, 0/1 or
    /// false/true) and optionally a score column holding P(positive class).
    /// </summary>
    public static FairnessAuditResult Run(Table table, string labelColumn, string predictionColumn, string? scoreColumn, FairnessAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        Check(options);
        var (positive, negative) = AuditColumns.Classes(table, labelColumn, options.PositiveClass);
        var label = table[labelColumn];
        var warnings = new List<string>();
        var rows = LabelledRows(label, warnings);
        var data = new FairnessData
        {
            YTrue = rows.Select(i => label.FormatValue(i) == positive).ToArray(),
            YPred = AuditColumns.Predictions(table, predictionColumn, positive, negative, rows),
            Scores = scoreColumn is null ? null : AuditColumns.Scores(table, scoreColumn, rows, complement: false),
            SensitiveFeatures = AuditColumns.Features(table, options.SensitiveColumns, "sensitive", options.MaxGroups, rows),
            ControlFeatures = AuditColumns.Features(table, options.ControlColumns, "control", options.MaxGroups, rows),
        };
        return Assess(data, options, positive, negative, labelColumn, warnings);
    }

    /// <summary>
    /// Audits predictions given as arrays: <see cref="FairnessData.YTrue"/> (optional), predictions, scores (optional),
    /// and the sensitive features by name. <paramref name="options"/>' column lists are not used.
    /// </summary>
    public static FairnessAuditResult Run(FairnessData data, FairnessAuditOptions? options = null, string positiveClass = "positive")
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FairnessAuditOptions();
        if (options.Problems() is { } problems) throw new KeelDataException(problems);
        data.Validate();
        return Assess(data, options, positiveClass, $"not {positiveClass}", null, []);
    }

    private static void Check(FairnessAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (options.SensitiveColumns.Count == 0)
            problems = "At least one sensitive column is needed (e.g. sex, race)." + (problems is null ? "" : " " + problems);
        if (problems is not null) throw new KeelDataException(problems);
    }

    private static int[] LabelledRows(Column label, List<string> warnings)
    {
        var rows = Enumerable.Range(0, label.Length).Where(i => !label.IsMissing(i)).ToArray();
        if (rows.Length == 0) throw new KeelDataException($"The label column '{label.Name}' has no values: every row is missing.");
        if (rows.Length < label.Length)
            warnings.Add($"{label.Length - rows.Length} of {label.Length} rows have no label ('{label.Name}' is missing) and are left out.");
        return rows;
    }

    private static FairnessAuditResult Assess(FairnessData data, FairnessAuditOptions options, string positive, string negative, string? label, List<string> warnings)
    {
        var analyses = new List<SensitiveAnalysis>();
        var sets = data.SensitiveFeatures.Select(f => (IReadOnlyList<SensitiveFeature>)[f]).ToList();
        if (options.Intersectional && data.SensitiveFeatures.Count > 1) sets.Add(data.SensitiveFeatures);
        var labels = data.YTrue?.Select(y => (string?)(y ? positive : negative)).ToArray();
        var metrics = GroupMetrics.Default(data.YTrue is not null, data.Scores is not null);
        for (var s = 0; s < sets.Count; s++)
        {
            var features = sets[s];
            var frameOptions = options.FrameOptions with { Seed = unchecked(options.Seed + 104729 * s) };
            var frame = MetricFrame.Compute(data with { SensitiveFeatures = features }, metrics, frameOptions);
            var name = string.Join(" × ", features.Select(f => f.Name));
            string? privileged = features.Count == 1 && options.PrivilegedGroups?.TryGetValue(features[0].Name, out var g) == true ? g : null;
            analyses.Add(new SensitiveAnalysis
            {
                Name = name,
                Columns = features.Select(f => f.Name).ToArray(),
                Frame = frame,
                Measures = Measures(frame, data.YTrue is not null),
                DisparateImpact = DisparateImpact.From(frame, privileged, options.DisparateImpactThreshold),
                PretrainingBias = labels is null ? []
                    : PretrainingBias.OneVersusRest(labels, GroupNames(features), positive, name),
            });
            warnings.AddRange(frame.Warnings.Where(w => !warnings.Contains(w)));
            foreach (var control in frame.ByControl) warnings.AddRange(control.Warnings.Where(w => !warnings.Contains(w)));
        }
        var result = new FairnessAuditResult
        {
            Rows = data.YPred.Count,
            Label = label,
            PositiveClass = positive,
            SensitiveColumns = data.SensitiveFeatures.Select(f => f.Name).ToArray(),
            ControlColumns = data.ControlFeatures.Select(f => f.Name).ToArray(),
            Overall = analyses[0].Frame.Overall,
            Analyses = analyses,
            Warnings = warnings,
            Summary = [],
            Bootstrap = options.Bootstrap,
            ConfidenceLevel = options.ConfidenceLevel,
        };
        return result with { Summary = AuditWording.Summary(result) };
    }

    private static string?[] GroupNames(IReadOnlyList<SensitiveFeature> features) =>
        Enumerable.Range(0, features[0].Values.Count)
            .Select(i => (string?)string.Join(", ", features.Select(f => f.Values[i] ?? SensitiveFeature.MissingGroup)))
            .ToArray();

    private static FairnessMeasure[] Measures(MetricFrame frame, bool labels)
    {
        var list = new List<FairnessMeasure>();
        foreach (var method in new[] { GroupMethod.BetweenGroups, GroupMethod.ToOverall })
        {
            list.Add(new(FairnessMeasures.DemographicParityDifferenceName, method, FairnessMeasures.DemographicParityDifference(frame, method)));
            list.Add(new(FairnessMeasures.DemographicParityRatioName, method, FairnessMeasures.DemographicParityRatio(frame, method)));
            if (!labels) continue;
            list.Add(new(FairnessMeasures.EqualizedOddsDifferenceName, method, FairnessMeasures.EqualizedOddsDifference(frame, method)));
            list.Add(new(FairnessMeasures.EqualizedOddsRatioName, method, FairnessMeasures.EqualizedOddsRatio(frame, method)));
            list.Add(new(FairnessMeasures.EqualOpportunityDifferenceName, method, FairnessMeasures.EqualOpportunityDifference(frame, method)));
            list.Add(new(FairnessMeasures.EqualOpportunityRatioName, method, FairnessMeasures.EqualOpportunityRatio(frame, method)));
        }
        return list.OrderBy(m => m.Name switch
        {
            FairnessMeasures.DemographicParityDifferenceName => 0,
            FairnessMeasures.DemographicParityRatioName => 1,
            FairnessMeasures.EqualizedOddsDifferenceName => 2,
            FairnessMeasures.EqualizedOddsRatioName => 3,
            FairnessMeasures.EqualOpportunityDifferenceName => 4,
            _ => 5,
        }).ThenBy(m => m.Method).ToArray();
    }
}
