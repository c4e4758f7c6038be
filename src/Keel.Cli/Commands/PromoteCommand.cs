using System.CommandLine;
using Keel.Lifecycle.Promotion;
using Keel.Store;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel models promote</c>: moves an alias (champion by default) to a version through the model's promotion gate,
/// listing every check; a refused promotion exits with 6 and is in the audit log; <c>--override</c> (admin) moves it
/// anyway and is audited as an override.
/// </summary>
internal static class PromoteCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("model") { Description = "The model's name." };
        var version = new Argument<int>("version") { Description = "The version to promote." };
        var alias = new Option<string>("--alias") { Description = "The alias to move.", DefaultValueFactory = _ => "champion" };
        var read = new ReadOptions();
        read.Data.Required = false;
        read.Data.Description = "Labelled evaluation data holding the policy's sensitive columns (CSV or Parquet); without it the registered metrics are checked and fairness and drift limits fail.";
        var overrideReason = new Option<string?>("--override") { Description = "Admin only: move the alias although the gate fails, for this stated reason (audited as an override)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Evaluate the gate and print its checks without moving the alias." };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the gate's decision as JSON on standard output." };
        var command = new Command("promote", "Move an alias (champion by default) to a version through the model's promotion gate.") { name, version, alias, overrideReason, dryRun, store, json };
        read.AddTo(command);
        command.SetAction((result, cancellationToken) => Task.FromResult(CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var request = new PromotionRequest(result.GetRequiredValue(name), result.GetRequiredValue(version), result.GetRequiredValue(alias))
            {
                OverrideJustification = result.GetValue(overrideReason),
            };
            if (result.GetValue(read.Data) is { } path)
                request = request with { Data = read.Read(result, console, cancellationToken), DataName = Path.GetFileName(path) };
            var dry = result.GetValue(dryRun);
            var target = $"{request.Model}@{request.Alias}";
            var evaluated = Promoter.Evaluate(s, request);
            Show(console, evaluated.Decision);
            if (dry)
            {
                console.Info(evaluated.Decision is null ? $"No promotion policy guards {target}; a promotion would move it without a gate."
                    : evaluated.Decision.Passed ? $"The gate passes: version {request.Version} may become {request.Alias}. Nothing was moved (dry run)."
                    : $"The gate fails: version {request.Version} may not become {request.Alias}. Nothing was moved (dry run).");
                console.Result(evaluated);
                return;
            }
            var outcome = Promoter.Apply(s, evaluated);
            console.Success(outcome.Decision is null ? $"{target} now points at version {request.Version} (no promotion policy guards it)."
                : outcome.Overridden ? $"{target} now points at version {request.Version}: the gate failed and was overridden by {s.Actor.Name} (audited)."
                : $"{target} now points at version {request.Version}: every check of the promotion policy passed.");
            console.Result(outcome);
        })));
        return command;
    }

    private static void Show(Output console, GateDecision? decision)
    {
        if (decision is null || console.Json) return;
        var table = new Spectre.Console.Table().AddColumns("check", "result", "detail");
        foreach (var check in decision.Checks)
            table.AddRow(Markup.Escape(check.Name), check.Passed ? "[green]pass[/]" : "[red]FAIL[/]", Markup.Escape(check.Detail));
        console.Table(table);
    }
}
