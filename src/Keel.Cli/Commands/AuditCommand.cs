using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Store;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary><c>keel audit verify|show</c>: the hash-chained audit log.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "The append-only audit log of registry changes.");
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };
        var verify = new Command("verify", "Recompute the chain of hashes; name the first entry that was edited, inserted or deleted (exit code 2 if any).") { store, json };
        verify.SetAction(result =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                using var s = StoreOption.Open(result.GetRequiredValue(store));
                var check = s.VerifyAudit();
                console.Result(check);
                if (check.Intact)
                {
                    console.Success($"The audit log of {s.Location} is intact: {check.Entries} entries, each chained to the one before.");
                    return ExitCodes.Success;
                }
                console.Error($"The audit log of {s.Location} has been tampered with: {check.Problem}");
                return ExitCodes.InvalidInput;
            });
        });
        var from = new Option<long>("--from") { Description = "The first entry to show.", DefaultValueFactory = _ => 1 };
        var storeShow = StoreOption.Create();
        var jsonShow = new Option<bool>("--json") { Description = "Print the entries as JSON on standard output." };
        var show = new Command("show", "The audit entries: sequence, time, actor, action, target, details.") { from, storeShow, jsonShow };
        show.SetAction(result => CommandRunner.Run(result, jsonShow, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(storeShow));
            var entries = s.ReadAudit(result.GetValue(from));
            console.Table(Table(entries));
            console.Result(entries);
        }));
        command.Subcommands.Add(verify);
        command.Subcommands.Add(show);
        return command;
    }

    public static Spectre.Console.Table Table(IEnumerable<AuditEntry> entries)
    {
        var table = new Spectre.Console.Table().AddColumns("#", "at", "actor", "action", "target", "details");
        foreach (var e in entries)
            table.AddRow(e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(e.Actor), e.Action, Markup.Escape(e.Target), Markup.Escape(e.Details));
        return table;
    }
}
