using System.CommandLine;
using Keel.Cli.Commands;

namespace Keel.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Builds the command tree and runs it; the entry point of tests as well.</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand("Keel: train, package, evaluate and explain tabular models from the command line.")
        {
            ProfileCommand.Create(),
            TrainCommand.Create(),
            RetrainCommand.Create(),
            TuneCommand.Create(),
            AutoMlCommand.Create(),
            EvaluateCommand.Create(),
            PredictCommand.Create(),
            InspectCommand.Create(),
            QuickstartCommand.Create(),
            RunsCommand.Create(),
            ModelsCommand.Create(),
            AuditCommand.Create(),
            KeysCommand.Create(),
            ServeCommand.Create(),
            ExplainCommand.Create(),
            ImportCommand.Create(),
            MonitorCommand.Create(),
            CardCommand.Create(),
            DetectCommand.Create(),
            FairnessCommand.Create(),
            MitigateCommand.Create(),
            LifecycleCommand.Create(),
            DemoCommand.Create(),
        };
        // A server handles SIGTERM itself (finish in-flight requests, flush the prediction log); elsewhere Ctrl-C cancels
        // the command, which then has 2 s to say so before the process ends.
        var serving = args.Length > 0 && args[0] == "serve";
        return root.Parse(args).Invoke(new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = serving ? null : TimeSpan.FromSeconds(2),
        });
    }
}
