using System.CommandLine;

namespace Keel.Cli.Commands;

internal static class ModelOption
{
    public static Option<string> Create() => new("--model", "-m") { Description = "The model bundle (.keel).", Required = true };
}
