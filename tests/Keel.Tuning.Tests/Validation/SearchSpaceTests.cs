using Keel.Learn.Trainers;
using Keel.Tuning.Samplers;
using Keel.Tuning.Spaces;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Tests.Validation;

public class SearchSpaceTests
{
    public static TheoryData<string> Spaces => new(TrainerSearchSpaces.All.Select(s => s.Trainer));

    [Theory]
    [MemberData(nameof(Spaces))]
    public void EverySpace_HoldsItsTrainersDefaults_AndRebuildsThemExactly(string trainer)
    {
        var space = TrainerSearchSpaces.For(trainer);

        var parameters = SearchSpaceDefaults.Parameters(space);
        var study = Study.Open("rebuild", new InMemoryStudyStorage(), StudyDirection.Maximize, new RandomSampler(1));
        study.Enqueue(parameters);
        ITrainer? rebuilt = null;
        study.Optimize(t => { rebuilt = space.Suggest(t); return 0; }, new OptimizeOptions { Trials = 1 });

        Assert.All(parameters, p => Assert.Equal(Text(space.Defaults[p.Key]), Text(p.Value.External)));
        Assert.Equal(DefaultTrainer(trainer).Parameters, rebuilt!.Parameters);
    }

    [Fact]
    public void AnUnknownTrainer_IsRefusedWithTheKnownOnes()
    {
        Assert.Contains("lightgbm, fasttree, fastforest, linear", Assert.Throws<KeelTuningException>(() => TrainerSearchSpaces.For("xgboost")).Message);
    }

    private static string? Text(object value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

    private static ITrainer DefaultTrainer(string name) => name switch
    {
        "lightgbm" => new LightGbmTrainer(),
        "fasttree" => new FastTreeTrainer(),
        "fastforest" => new FastForestTrainer(),
        _ => new LinearTrainer(),
    };
}
