using System.Globalization;

namespace Keel.Learn.Decisions;

/// <summary>
/// A business KPI for binary decisions: what each outcome is worth, in <see cref="Unit"/>, per decision. Acting on a row
/// is predicting the model's positive class. E.g. for churn, where a missed churner costs 500 and a retention offer
/// costs 50: a true positive (offer made, customer kept) is worth 500 − 50 = 450, a false positive (offer to someone
/// who would have stayed) −50, a false negative (churner missed) −500, a true negative 0. The value of a set of
/// decisions is Σ outcome count × outcome value, NannyML's business value (docs/how_it_works/business_value.rst).
/// </summary>
/// <example>
/// <code>
/// var value = DecisionValue.Of(tp: 450, fp: -50, fn: -500, tn: 0);            // or DecisionValue.Read("kpi.yaml")
/// var choice = ThresholdOptimizer.Choose(validationScores, validationLabels, value);
/// var total = value.Total(BinaryConfusion.At(testScores, testLabels, choice.Threshold));
/// </code>
/// </example>
public sealed record DecisionValue
{
    /// <summary>The key under which monitoring reports the value per decision of each window.</summary>
    public const string MetricName = "value_per_decision";

    /// <summary>What the KPI is called in reports. The default value is "value".</summary>
    public string Name { get; init; } = "value";

    /// <summary>The unit or currency of the values, e.g. "EUR". The default value is "" (no unit).</summary>
    public string Unit { get; init; } = "";

    /// <summary>What the values mean, in a sentence; null for none.</summary>
    public string? Description { get; init; }

    /// <summary>The value of acting on a row that is positive.</summary>
    public required double TruePositive { get; init; }

    /// <summary>The value of acting on a row that is negative (usually a cost, so negative).</summary>
    public required double FalsePositive { get; init; }

    /// <summary>The value of not acting on a row that is positive (usually a cost, so negative).</summary>
    public required double FalseNegative { get; init; }

    /// <summary>The value of not acting on a row that is negative.</summary>
    public required double TrueNegative { get; init; }

    /// <summary>A KPI with these four values per decision.</summary>
    public static DecisionValue Of(double tp, double fp, double fn, double tn, string name = "value", string unit = "")
    {
        var value = new DecisionValue { TruePositive = tp, FalsePositive = fp, FalseNegative = fn, TrueNegative = tn, Name = name, Unit = unit };
        if (value.Problems() is { } problems) throw new ArgumentException(problems);
        return value;
    }

    /// <summary>Reads a KPI file (YAML or JSON: name, unit, description, true_positive, false_positive, false_negative, true_negative).</summary>
    public static DecisionValue Read(string path)
    {
        if (!File.Exists(path)) throw new KeelLearnException($"{path}: KPI file not found.");
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new KeelLearnException($"{path}: cannot read the KPI file ({e.Message}).", e); }
        return Parse(text, path);
    }

    /// <summary>Parses KPI text; <paramref name="source"/> names it in errors, which give the line and column of each problem.</summary>
    public static DecisionValue Parse(string text, string source = "kpi") => DecisionValueReader.Read(text, source);

    /// <summary>Σ outcome × its value.</summary>
    public double Total(BinaryConfusion confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        return confusion.TruePositives * TruePositive + confusion.FalsePositives * FalsePositive
               + confusion.FalseNegatives * FalseNegative + confusion.TrueNegatives * TrueNegative;
    }

    /// <summary>The total over the number of decisions (NannyML's normalize_business_value="per_prediction"); NaN for no decisions.</summary>
    public double PerDecision(BinaryConfusion confusion) => confusion.Rows > 0 ? Total(confusion) / confusion.Rows : double.NaN;

    /// <summary>
    /// The probability of the positive class from which acting is worth at least as much as not acting, for a
    /// calibrated probability (Elkan 2001, "The foundations of cost-sensitive learning"):
    /// (TN − FP) / ((TP − FN) + (TN − FP)); 0 when acting never loses, positive infinity when it never pays.
    /// </summary>
    public double BreakEvenThreshold
    {
        get
        {
            var gain = TruePositive - FalseNegative;
            var loss = TrueNegative - FalsePositive;
            return loss <= 0 ? 0 : gain <= 0 ? double.PositiveInfinity : loss / (gain + loss);
        }
    }

    /// <summary>Whether acting on a row with this probability of the positive class is worth at least as much as not acting, in expectation.</summary>
    public bool ActsAt(double probability) =>
        probability * TruePositive + (1 - probability) * FalsePositive >= probability * FalseNegative + (1 - probability) * TrueNegative;

    /// <summary>The value of one decision: <paramref name="acted"/> on the row or not, the row <paramref name="positive"/> or not.</summary>
    public double ValueOf(bool acted, bool positive) =>
        acted ? positive ? TruePositive : FalsePositive : positive ? FalseNegative : TrueNegative;

    /// <summary>An amount with the unit, e.g. "12.30 EUR" or "−3.5".</summary>
    public string Format(double amount, string format = "#,0.##") =>
        double.IsNaN(amount) ? "–" : amount.ToString(format, CultureInfo.InvariantCulture) + (Unit.Length > 0 ? " " + Unit : "");

    /// <summary>Every problem with the values, in one message; null when they are valid.</summary>
    public string? Problems()
    {
        var problems = new List<string>();
        foreach (var (field, v) in new[] { ("true_positive", TruePositive), ("false_positive", FalsePositive), ("false_negative", FalseNegative), ("true_negative", TrueNegative) })
            if (!double.IsFinite(v)) problems.Add($"{field} must be a finite number; it is {v.ToString(CultureInfo.InvariantCulture)}.");
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("name must not be empty.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}
