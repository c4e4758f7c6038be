using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Store;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary><c>keel keys create|list|revoke</c>: API keys that identify actors (stored only as salted hashes).</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys: each identifies an actor with a role (viewer, predictor, trainer, deployer, admin).");

        var actor = new Option<string>("--actor") { Description = "Who the key stands for.", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, predictor, trainer, deployer or admin.", Required = true };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the key as JSON on standard output." };
        var create = new Command("create", "Create a key (admin only; the first key of a store may be created by anyone, to bootstrap it). The secret is shown once.") { actor, role, store, json };
        create.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            if (!Enum.TryParse<Role>(result.GetRequiredValue(role), ignoreCase: true, out var r) || !Enum.IsDefined(r))
                throw new KeelDataException($"--role \"{result.GetRequiredValue(role)}\" is not one of viewer, predictor, trainer, deployer, admin.");
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var key = s.CreateApiKey(result.GetRequiredValue(actor), r);
            console.Success($"Created key {key.Key.Id} for {key.Key.Actor} ({r.ToString().ToLowerInvariant()}). Its secret is shown only now; keep it safe:");
            if (!console.Json) console.Stdout.WriteLine(key.Secret);
            console.Result(new { id = key.Key.Id, actor = key.Key.Actor, role = key.Key.Role, secret = key.Secret });
        }));

        var listStore = StoreOption.Create();
        var listJson = new Option<bool>("--json") { Description = "Print the keys as JSON on standard output." };
        var list = new Command("list", "Every key: id, actor, role, who made it, whether it is revoked (admin only).") { listStore, listJson };
        list.SetAction(result => CommandRunner.Run(result, listJson, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(listStore));
            var keys = s.ListApiKeys();
            var table = new Spectre.Console.Table().AddColumns("id", "actor", "role", "created by", "created", "revoked");
            foreach (var k in keys)
                table.AddRow(k.Id, Markup.Escape(k.Actor), k.Role.ToString().ToLowerInvariant(), Markup.Escape(k.CreatedBy), k.CreatedAt.ToString("u", CultureInfo.InvariantCulture), k.RevokedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "");
            console.Table(table);
            console.Result(keys);
        }));

        var id = new Argument<string>("id") { Description = "The key's id (keel keys list shows it)." };
        var revokeStore = StoreOption.Create();
        var revokeJson = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };
        var revoke = new Command("revoke", "Revoke a key at once (admin only).") { id, revokeStore, revokeJson };
        revoke.SetAction(result => CommandRunner.Run(result, revokeJson, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(revokeStore));
            s.RevokeApiKey(result.GetRequiredValue(id));
            console.Success($"Revoked key {result.GetRequiredValue(id)}.");
            console.Result(new { revoked = result.GetRequiredValue(id) });
        }));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }
}
