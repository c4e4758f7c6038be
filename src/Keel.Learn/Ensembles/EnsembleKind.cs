namespace Keel.Learn.Ensembles;

/// <summary>How an <see cref="EnsembleTrainer"/> combines its members.</summary>
public enum EnsembleKind
{
    /// <summary>Soft voting: the plain average of every bagged member's outputs.</summary>
    Voting,

    /// <summary>Caruana et al.'s greedy ensemble selection: a weighted average, weights chosen on out-of-fold outputs.</summary>
    Selection,

    /// <summary>Two layers: stackers learn from the features and the first layer's out-of-fold outputs; their outputs are then weighted by ensemble selection.</summary>
    Stacking,
}
