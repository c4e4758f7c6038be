using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>What every stage of the demo shares: the options, the calls, the store, the output folder, the timeline.</summary>
internal sealed record DemoContext(Output Console, DemoOptions Options, BankCalls Calls, IKeelStore Store, string Folder, DemoTimeline Timeline, CancellationToken Cancel)
{
    public string StoreUri => $"sqlite:{Path.Combine(Folder, "keel.db")}";

    public string ModelsFolder => Path.Combine(Folder, "models");

    /// <summary>A progress line, with the seconds since the demo began.</summary>
    public void Progress(System.Diagnostics.Stopwatch clock, string stage, string message) =>
        Console.Info(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,5:0.0}s] {stage}: {message}"));
}
