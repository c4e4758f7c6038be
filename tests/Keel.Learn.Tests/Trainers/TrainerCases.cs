using Keel.Data;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Trainers;

/// <summary>Every built-in trainer with every task it supports, small enough to train in a moment.</summary>
public static class TrainerCases
{
    public static TheoryData<string, TaskKind> All => new()
    {
        { "LightGbm", TaskKind.Binary }, { "LightGbm", TaskKind.Multiclass }, { "LightGbm", TaskKind.Regression },
        { "FastTree", TaskKind.Binary }, { "FastTree", TaskKind.Regression },
        { "FastForest", TaskKind.Binary }, { "FastForest", TaskKind.Regression },
        { "Linear", TaskKind.Binary }, { "Linear", TaskKind.Multiclass }, { "Linear", TaskKind.Regression },
    };

    public static ITrainer Make(string name) => name switch
    {
        "LightGbm" => new LightGbmTrainer { Iterations = 30 },
        "FastTree" => new FastTreeTrainer { Trees = 20 },
        "FastForest" => new FastForestTrainer { Trees = 20 },
        "Linear" => new LinearTrainer(),
        _ => throw new ArgumentException(name),
    };

    public static (Table Data, Target Target) Data(TaskKind task, int rows = 1200)
    {
        var table = TestData.TelcoHead(rows);
        return (table, task switch
        {
            TaskKind.Binary => TestData.ChurnTarget(table),
            TaskKind.Multiclass => TestData.ContractTarget(table),
            _ => TestData.ChargesTarget(table),
        });
    }
}
