using Keel.Data;

namespace Keel.Cli;

/// <summary>Runs a command body and turns what it throws into a message and a documented exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Runs a command that prints through an <see cref="Output"/> honouring its --json option.</summary>
    public static int Run(System.CommandLine.ParseResult result, System.CommandLine.Option<bool> json, Action<Output> body)
    {
        var console = new Output(result.GetValue(json));
        return Run(console, () =>
        {
            body(console);
            return ExitCodes.Success;
        });
    }

    public static int Run(Output output, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Keel.Store.KeelStoreException e) when (e.Forbidden)
        {
            output.Error(e.Message);
            return ExitCodes.Forbidden;
        }
        catch (Keel.Store.KeelStoreException e) when (e.GateRefused)
        {
            output.Error(e.Message);
            return ExitCodes.GateRefused;
        }
        catch (KeelDataException e)
        {
            output.Error(e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            output.Error("Cancelled; nothing was written.");
            return ExitCodes.Cancelled;
        }
        catch (UnauthorizedAccessException e)
        {
            output.Error($"Permission denied: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (IOException e)
        {
            output.Error($"I/O error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            output.Error($"Keel failed unexpectedly; please report this with the command you ran.\n{e}");
            return ExitCodes.InternalError;
        }
    }
}
