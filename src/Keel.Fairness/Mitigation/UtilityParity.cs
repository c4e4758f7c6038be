namespace Keel.Fairness.Mitigation;

/// <summary>
/// A parity constraint as a vector of moments (Agarwal et al. 2018, §2; Fairlearn's <c>UtilityParity</c> with a
/// difference bound): for every event e (all rows for demographic parity; each label for equalized odds; label 1 for
/// equal opportunity) and group g present in the data, two constraints, "+" E[h | e, g] − E[h | e] ≤ bound and
/// "−" E[h | e] − E[h | e, g] ≤ bound. Constraints are ordered sign, event, group.
/// </summary>
internal sealed class UtilityParity
{
    private readonly int[] _event;      // event of each row, -1 for none
    private readonly int[] _group;
    private readonly int[] _cellOf;     // (event, group) cell of each row, -1 for none
    private readonly double[] _probEvent;
    private readonly double[] _probCell;
    private readonly int[] _cellEvent;

    public UtilityParity(MitigationConstraint kind, double bound, int[] labels, int[] groups, IReadOnlyList<string> groupNames)
    {
        Kind = kind;
        Bound = bound;
        Rows = labels.Length;
        _group = groups;
        _event = labels.Select(y => kind switch
        {
            MitigationConstraint.DemographicParity => 0,
            MitigationConstraint.EqualizedOdds => y,
            _ => y == 1 ? 0 : -1,
        }).ToArray();
        var events = kind == MitigationConstraint.EqualizedOdds ? 2 : 1;
        _probEvent = new double[events];
        var cellCounts = new int[events, groupNames.Count];
        for (var i = 0; i < Rows; i++)
        {
            if (_event[i] < 0) continue;
            _probEvent[_event[i]]++;
            cellCounts[_event[i], groups[i]]++;
        }
        var cells = new List<(int Event, int Group)>();
        var cellIndex = new int[events, groupNames.Count];
        for (var e = 0; e < events; e++)
            for (var g = 0; g < groupNames.Count; g++)
            {
                cellIndex[e, g] = -1;
                if (cellCounts[e, g] == 0) continue;
                cellIndex[e, g] = cells.Count;
                cells.Add((e, g));
            }
        _probCell = cells.Select(c => (double)cellCounts[c.Event, c.Group] / Rows).ToArray();
        _cellEvent = cells.Select(c => c.Event).ToArray();
        for (var e = 0; e < events; e++) _probEvent[e] /= Rows;
        _cellOf = new int[Rows];
        for (var i = 0; i < Rows; i++) _cellOf[i] = _event[i] < 0 ? -1 : cellIndex[_event[i], groups[i]];
        Cells = cells.Count;
        Names = new[] { "+", "-" }.SelectMany(sign => cells.Select(c => $"{sign} {EventName(c.Event)} {groupNames[c.Group]}")).ToArray();
    }

    public MitigationConstraint Kind { get; }

    public double Bound { get; }

    public int Rows { get; }

    /// <summary>(event, group) cells; there are 2 × Cells constraints, the "+" ones first.</summary>
    public int Cells { get; }

    public int Count => 2 * Cells;

    public IReadOnlyList<string> Names { get; }

    private string EventName(int e) => Kind switch
    {
        MitigationConstraint.DemographicParity => "all",
        MitigationConstraint.EqualizedOdds => $"label={e}",
        _ => "label=1",
    };

    /// <summary>The constraint values γ(h) of predictions in [0, 1] (hard or randomized).</summary>
    public double[] Gamma(ReadOnlySpan<double> predictions)
    {
        var eventMean = new double[_probEvent.Length];
        var cellMean = new double[Cells];
        for (var i = 0; i < Rows; i++)
        {
            if (_event[i] < 0) continue;
            eventMean[_event[i]] += predictions[i];
            cellMean[_cellOf[i]] += predictions[i];
        }
        var gamma = new double[Count];
        for (var k = 0; k < Cells; k++)
        {
            var e = _cellEvent[k];
            // Fairlearn's −Uᵀh / n, written as conditional means.
            var plus = cellMean[k] / Rows / _probCell[k] - eventMean[e] / Rows / _probEvent[e];
            gamma[k] = plus;
            gamma[Cells + k] = -plus;
        }
        return gamma;
    }

    /// <summary>Σ_k U_ik λ_k for every row: the benefit, under λ, of predicting 1 for row i.</summary>
    public double[] SignedWeights(ReadOnlySpan<double> lambda)
    {
        var w = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var k = _cellOf[i];
            if (k < 0) continue;
            var e = _event[i];
            // Rows of event e: +1/P(e) from every "+" constraint of e and −1/P(e) from every "−" one; their own cell adds
            // −1/P(e,g) to "+" and +1/P(e,g) to "−".
            double sum = 0;
            for (var j = 0; j < Cells; j++)
                if (_cellEvent[j] == e) sum += (lambda[j] - lambda[Cells + j]) / _probEvent[e];
            sum += (lambda[Cells + k] - lambda[k]) / _probCell[k];
            w[i] = sum;
        }
        return w;
    }

    /// <summary>λ projected so that only one of each "+"/"−" pair is positive (Fairlearn's <c>project_lambda</c>).</summary>
    public double[] Project(ReadOnlySpan<double> lambda)
    {
        var projected = new double[Count];
        for (var k = 0; k < Cells; k++)
        {
            var d = lambda[k] - lambda[Cells + k];
            projected[k] = Math.Max(d, 0);
            projected[Cells + k] = Math.Max(-d, 0);
        }
        return projected;
    }
}
