using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Store;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary><c>keel models list|show|register|alias|history|promote|policy</c>: the model registry.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "The model registry: registered models, their versions and aliases.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Register());
        command.Subcommands.Add(Alias());
        command.Subcommands.Add(History());
        command.Subcommands.Add(PromoteCommand.Create());
        command.Subcommands.Add(PolicyCommand.Create());
        return command;
    }

    private static Command List()
    {
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the models as JSON on standard output." };
        var command = new Command("list", "Every registered model with its aliases.") { store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var models = s.ListModels();
            var table = new Spectre.Console.Table().AddColumns("model", "versions", "aliases", "description");
            foreach (var m in models)
                table.AddRow(Markup.Escape(m.Name), s.ListVersions(m.Name).Count.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", m.Aliases.Select(a => $"{a.Key} → v{a.Value}"))), Markup.Escape(m.Description ?? ""));
            console.Table(table);
            console.Result(models);
        }));
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("model") { Description = "The model's name." };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the model as JSON on standard output." };
        var command = new Command("show", "A model's versions (run, bundle hash, data fingerprint, parent) and aliases.") { name, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var model = s.GetModel(result.GetRequiredValue(name));
            var versions = s.ListVersions(model.Name);
            var table = new Spectre.Console.Table().AddColumns("version", "aliases", "run", "bundle SHA-256", "data fingerprint", "parent", "by", "created");
            foreach (var v in versions)
                table.AddRow(v.Version.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", model.Aliases.Where(a => a.Value == v.Version).Select(a => a.Key))),
                    v.RunId?[..8] ?? "", v.BundleSha256[..12] + "…", v.DataFingerprint[..Math.Min(12, v.DataFingerprint.Length)] + "…", Markup.Escape(v.Parent ?? ""), Markup.Escape(v.CreatedBy), v.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            console.Table(table);
            console.Result(new { model, versions });
        }));
        return command;
    }

    private static Command Register()
    {
        var bundlePath = ModelOption.Create();
        var name = new Option<string?>("--name") { Description = "The registered model's name. [default: the name in the bundle's manifest]" };
        var run = new Option<string?>("--run") { Description = "The run that trained it (keel train prints it). [default: a new run records the registration]" };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the new version as JSON on standard output." };
        var command = new Command("register", "Register a verified .keel bundle as the next version of a model (created if new); the bundle is kept in the store.") { bundlePath, name, run, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            var path = result.GetRequiredValue(bundlePath);
            var bundle = ModelBundle.Load(path);
            var m = bundle.Manifest;
            var modelName = result.GetValue(name) ?? m.Name;
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            s.GetOrCreateModel(modelName);
            var runId = result.GetValue(run) ?? s.StartRun(modelName, "register").Id;
            var version = BundleRegistration.Register(s, modelName, File.ReadAllBytes(path), m, runId);
            console.Success($"Registered {path} as {modelName} version {version.Version} (SHA-256 {bundle.FileSha256![..16]}…) in {s.Location}.");
            console.Result(version);
        }));
        return command;
    }

    private static Command Alias()
    {
        var name = new Argument<string>("model") { Description = "The model's name." };
        var alias = new Argument<string>("alias") { Description = "The alias, e.g. champion or challenger." };
        var version = new Argument<int?>("version") { Description = "The version to point it at; leave out with --delete.", Arity = ArgumentArity.ZeroOrOne };
        var delete = new Option<bool>("--delete") { Description = "Remove the alias instead." };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the model as JSON on standard output." };
        var command = new Command("alias", "Point an alias at a version (atomically) or remove it; every move is audited.") { name, alias, version, delete, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var model = result.GetRequiredValue(name);
            var a = result.GetRequiredValue(alias);
            if (result.GetValue(delete)) s.DeleteAlias(model, a);
            else if (result.GetValue(version) is { } v) s.SetAlias(model, a, v);
            else throw new KeelDataException("Give the version to point the alias at, or --delete.");
            console.Success(result.GetValue(delete) ? $"Removed {model}@{a}." : $"{model}@{a} now points at version {result.GetValue(version)}.");
            console.Result(s.GetModel(model));
        }));
        return command;
    }

    private static Command History()
    {
        var name = new Argument<string>("model") { Description = "The model's name." };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the history as JSON on standard output." };
        var command = new Command("history", "Every audited change to a model: who did what, when.") { name, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var model = s.GetModel(result.GetRequiredValue(name)).Name;
            var entries = s.ReadAudit().Where(e => e.Target == model || e.Target.StartsWith(model + "@", StringComparison.Ordinal)).ToList();
            console.Table(AuditCommand.Table(entries));
            console.Result(entries);
        }));
        return command;
    }
}
