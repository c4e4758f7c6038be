namespace Keel.Learn.Ensembles;

/// <summary>
/// One layer of a <see cref="StackedEnsemble"/>: its members all read the same inputs — the model's features for the
/// first layer; for a later layer the features (when <see cref="PassFeatures"/>) followed by every output of the layer
/// before, member by member.
/// </summary>
public sealed record EnsembleLayer(IReadOnlyList<BaggedMember> Members, bool PassFeatures = true);
