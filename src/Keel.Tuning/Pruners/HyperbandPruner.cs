using System.Globalization;
using System.Text;

namespace Keel.Tuning.Pruners;

/// <summary>
/// Hyperband (Li et al. 2018) as Optuna runs it: floor(log_η(max/min)) + 1 brackets of successive halving, bracket s
/// with min_early_stopping_rate s; bracket s gets a share ⌈n · η^(n−1−s) / (n − s)⌉ of the trials, a trial's bracket
/// is CRC-32("{study}_{number}") modulo the total of the shares, and each bracket's pruner compares only the trials of
/// its own bracket.
/// </summary>
/// <example>
/// <code>
/// var pruner = new HyperbandPruner(minResource: 1, maxResource: 300, reductionFactor: 3); // 6 brackets
/// </code>
/// </example>
public sealed class HyperbandPruner : IPruner
{
    private readonly SuccessiveHalvingPruner[] _brackets;
    private readonly int[] _budgets;

    public HyperbandPruner(int minResource = 1, int maxResource = 100, int reductionFactor = 3)
    {
        var problems = new List<string>();
        if (minResource < 1) problems.Add($"minResource must be at least 1; it is {minResource}.");
        if (maxResource <= minResource) problems.Add($"maxResource ({maxResource}) must be above minResource ({minResource}).");
        if (reductionFactor < 2) problems.Add($"reductionFactor must be at least 2; it is {reductionFactor}.");
        if (problems.Count > 0) throw new KeelTuningException("Invalid Hyperband pruner: " + string.Join(" ", problems));
        (MinResource, MaxResource, ReductionFactor) = (minResource, maxResource, reductionFactor);
        var n = (int)Math.Floor(Math.Log((double)maxResource / minResource) / Math.Log(reductionFactor)) + 1;
        _brackets = Enumerable.Range(0, n).Select(s => new SuccessiveHalvingPruner(minResource, reductionFactor, s)).ToArray();
        _budgets = Enumerable.Range(0, n).Select(s => (int)Math.Ceiling(n * Math.Pow(reductionFactor, n - 1 - s) / (n - s))).ToArray();
    }

    /// <summary>Steps before the first rung of the most aggressive bracket. The default value is 1.</summary>
    public int MinResource { get; }

    /// <summary>The steps of a complete trial (boosting rounds, folds). The default value is 100.</summary>
    public int MaxResource { get; }

    /// <summary>η. The default value is 3.</summary>
    public int ReductionFactor { get; }

    /// <summary>How many trials of every <see cref="TotalBudget"/> each bracket gets.</summary>
    public IReadOnlyList<int> BracketBudgets => _budgets;

    public int TotalBudget => _budgets.Sum();

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"hyperband(min_resource={MinResource}, max_resource={MaxResource}, reduction_factor={ReductionFactor}, brackets={_brackets.Length})");

    /// <summary>The bracket of a study's trial.</summary>
    public int BracketOf(string studyName, int trialNumber)
    {
        var n = (long)(Crc32(Encoding.UTF8.GetBytes($"{studyName}_{trialNumber}")) % (uint)TotalBudget);
        for (var s = 0; s < _budgets.Length; s++)
        {
            n -= _budgets[s];
            if (n < 0) return s;
        }
        return _budgets.Length - 1;
    }

    public bool ShouldPrune(PruningContext context)
    {
        var bracket = BracketOf(context.StudyName, context.Current.Number);
        var mates = context.Trials.Where(t => BracketOf(context.StudyName, t.Number) == bracket).ToList();
        return _brackets[bracket].ShouldPrune(context with { Trials = mates });
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected, as zlib and Python's <c>binascii.crc32</c>).</summary>
    internal static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
