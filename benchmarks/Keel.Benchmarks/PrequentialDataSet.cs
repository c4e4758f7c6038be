using Keel.Data;
using Keel.Learn;
using Keel.Monitoring.Streaming;

namespace Keel.Benchmarks;

/// <summary>
/// A time-ordered data set of the prequential mode, and the settings every strategy on it shares: the first model's
/// rows, the window a refit learns, the fixed intervals compared, the blocks accuracy is reported per, and the payoff
/// of its decisions (null: none).
/// </summary>
/// <param name="Name">The data set's name in tables and file names.</param>
/// <param name="Table">Its rows, in time order, without leaking columns.</param>
/// <param name="Target">Its label.</param>
/// <param name="InitialRows">The rows the first model learns.</param>
/// <param name="WindowRows">The most recent labelled rows each refit learns (the sliding window).</param>
/// <param name="Intervals">The fixed-interval strategies' intervals, in rows, each with its name.</param>
/// <param name="LabelDelay">The label delay of the drift policy's late-labels variant, in rows.</param>
/// <param name="BlockRows">The rows of a block of the per-block tables.</param>
/// <param name="RollingRows">The rows of the plot's rolling accuracy.</param>
/// <param name="RowsPerUnit">Rows per unit of the plot's x axis.</param>
/// <param name="Unit">The x axis' unit.</param>
/// <param name="Payoff">The value of a decision, or null.</param>
internal sealed record PrequentialDataSet(
    string Name, Table Table, Target Target, int InitialRows, int WindowRows, IReadOnlyList<(string Name, int Rows)> Intervals,
    int LabelDelay, int BlockRows, int RollingRows, double RowsPerUnit, string Unit, DecisionPayoff? Payoff)
{
    /// <summary>Options with this data set's first rows, window and payoff.</summary>
    public PrequentialOptions Options() => new() { InitialRows = InitialRows, WindowRows = WindowRows, Payoff = Payoff };

    /// <summary>The blocks of the per-block tables as [from, to) rows of the file, the first starting at the first scored row.</summary>
    public (int From, int To)[] Blocks() =>
        Enumerable.Range(0, (Table.RowCount + BlockRows - 1) / BlockRows)
            .Select(b => (From: Math.Max(b * BlockRows, InitialRows), To: Math.Min((b + 1) * BlockRows, Table.RowCount)))
            .Where(b => b.From < b.To)
            .ToArray();
}
