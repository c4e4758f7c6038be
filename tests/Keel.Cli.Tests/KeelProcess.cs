using System.Diagnostics;

namespace Keel.Cli.Tests;

/// <summary>Runs the real <c>keel</c> program in a child process, in a working folder of the test's own.</summary>
public static class KeelProcess
{
    /// <summary>Starts keel without waiting; the caller reads its output and waits (or kills it).</summary>
    public static Process Start(string workingFolder, params string[] args)
    {
        var start = Info(workingFolder, args);
        return Process.Start(start)!;
    }

    /// <summary>Starts keel with extra environment variables (e.g. KEEL_API_KEY for a shared store).</summary>
    public static Process Start(string workingFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = Info(workingFolder, args);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    private static ProcessStartInfo Info(string workingFolder, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "keel.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("KEEL_API_KEY");
        start.Environment.Remove("KEEL_STORE");
        return start;
    }

    public static (int Exit, string Stdout, string Stderr) Run(string workingFolder, params string[] args)
    {
        using var process = Process.Start(Info(workingFolder, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"keel {string.Join(' ', args)} ran for more than 5 minutes.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);
}

/// <summary>A temporary working folder, deleted when the test ends.</summary>
public sealed class WorkFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("keel-cli-").FullName;

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The files in the folder other than the ones the test wrote itself.</summary>
    public string[] FilesExcept(params string[] inputs) =>
        Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Where(f => !inputs.Contains(f)).ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
