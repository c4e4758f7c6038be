using System.Globalization;
using Keel.Learn.Selection;
using Keel.Learn.Training;
using Spectre.Console;

namespace Keel.Cli;

/// <summary>Shows a training job's progress: bars on a terminal, one plain line per step otherwise.</summary>
internal static class TrainingProgressView
{
    public static T Run<T>(Output output, Func<IProgress<TrainingStep>, T> job)
    {
        if (!output.Interactive) return job(new ImmediateLines(output));
        T result = default!;
        output.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                ProgressTask Task(string key, string description, double max)
                {
                    if (!tasks.TryGetValue(key, out var task)) tasks[key] = task = ctx.AddTask(description, maxValue: max);
                    return task;
                }
                result = job(new Keel.Data.ImmediateProgress<TrainingStep>(step =>
                {
                    switch (step)
                    {
                        case { Stage: "select", Selection: { } s }:
                        {
                            var task = Task("cv:" + s.Trainer, $"cross-validating {s.Trainer}", s.Folds);
                            if (s.Finished is { } f)
                            {
                                task.Description = $"{s.Trainer}: {Describe(f)}";
                                task.Value = task.MaxValue;
                                task.StopTask();
                            }
                            else if (s.Score is not null) task.Value = s.Fold;
                            break;
                        }
                        case { Stage: "fit", Fraction: { } fraction }:
                            Task("fit", $"training {step.Message} on all rows", 1).Value = fraction;
                            break;
                        default:
                            output.Console.MarkupLine(Markup.Escape(step.Message));
                            break;
                    }
                }));
                foreach (var t in tasks.Values) t.Value = t.MaxValue;
            });
        return result;
    }

    internal static string Describe(CandidateResult c) => c.FoldScores.Length == 0
        ? $"{c.Status.ToString().ToLowerInvariant()} ({c.Note})"
        : string.Create(CultureInfo.InvariantCulture, $"{c.Metric} {c.Mean:0.0000} ± {c.Std:0.0000} over {c.FoldScores.Length} folds");

    private sealed class ImmediateLines(Output output) : IProgress<TrainingStep>
    {
        private int _lastDecile = -1;

        public void Report(TrainingStep step)
        {
            switch (step)
            {
                case { Stage: "select", Selection: { Finished: { } f } s }:
                    output.Info($"  {s.Trainer}: {Describe(f)} ({f.Duration.TotalSeconds:0.0} s)");
                    break;
                case { Stage: "select", Selection: { Score: { } score } s }:
                    output.Info(string.Create(CultureInfo.InvariantCulture, $"  {s.Trainer} fold {s.Fold}/{s.Folds}: {score:0.0000}"));
                    break;
                case { Stage: "select" }:
                    break;
                case { Stage: "fit", Fraction: { } fraction }:
                    var decile = (int)(fraction * 10);
                    if (decile != _lastDecile && decile % 5 == 0) output.Info($"  training {step.Message}: {fraction:P0}");
                    _lastDecile = decile;
                    break;
                default:
                    output.Info(step.Message);
                    break;
            }
        }
    }
}
