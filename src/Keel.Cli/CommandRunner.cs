using Keel.Data;

namespace Keel.Cli;

/// <summary>Runs a command body and turns what it throws into a message and a documented exit code.</summary>
internal static class CommandRunner
{
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
