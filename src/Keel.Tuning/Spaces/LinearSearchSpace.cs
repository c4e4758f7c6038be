using Keel.Learn;
using Keel.Learn.Trainers;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Spaces;

/// <summary>
/// The linear trainer's space: a penalty, "l2" or "elastic_net"; L2 0.0001–10 (log); and only for the elastic net,
/// a conditional L1 0.0001–10 (log).
/// </summary>
public sealed class LinearSearchSpace : ITrainerSearchSpace
{
    public string Trainer => "linear";

    public bool Supports(TaskKind task) => true;

    public IReadOnlyDictionary<string, object> Defaults { get; } = new LinearTrainer() is var d
        ? new Dictionary<string, object> { ["penalty"] = d.L1 > 0 ? "elastic_net" : "l2", ["l2"] = d.L2, ["l1"] = d.L1 }
        : [];

    public ITrainer Suggest(Trial trial)
    {
        var penalty = trial.SuggestCategorical("penalty", ["l2", "elastic_net"]);
        var l2 = trial.SuggestFloat("l2", 1e-4, 10, log: true);
        var l1 = penalty == "elastic_net" ? trial.SuggestFloat("l1", 1e-4, 10, log: true) : 0;
        return new LinearTrainer { L2 = l2, L1 = l1 };
    }
}
