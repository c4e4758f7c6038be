using System.Text.Json;
using Keel.Data;
using Spectre.Console;

namespace Keel.Cli;

/// <summary>
/// Where a command's words go. Human output goes to the terminal with colour and tables; with <c>--json</c> the
/// machine-readable result alone goes to standard output and messages go to standard error.
/// </summary>
internal sealed class Output
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;

    public Output(bool json, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        Json = json;
        var writer = stdout ?? System.Console.Out;
        _error = stderr ?? System.Console.Error;
        Interactive = stdout is null && !System.Console.IsOutputRedirected && !json;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(json ? _error : writer),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive) _console.Profile.Width = 200;
        Stdout = writer;
    }

    public bool Json { get; }

    /// <summary>True on a terminal: progress bars and colour; false when redirected: plain lines.</summary>
    public bool Interactive { get; }

    public TextWriter Stdout { get; }

    public IAnsiConsole Console => _console;

    public void Info(string message) => _console.MarkupLine(Markup.Escape(message));

    public void Heading(string message) => _console.MarkupLine($"[bold]{Markup.Escape(message)}[/]");

    public void Success(string message) => _console.MarkupLine($"[green]{Markup.Escape(message)}[/]");

    public void Warning(string message) => _error.WriteLine("warning: " + message);

    public void Error(string message) => _error.WriteLine(Interactive ? message : "error: " + message);

    public void Table(Spectre.Console.Table table) => _console.Write(table);

    /// <summary>Writes the machine-readable result when --json was given.</summary>
    public void Result<T>(T value)
    {
        if (Json) Stdout.WriteLine(JsonSerializer.Serialize(value, KeelJson.Options));
    }

    /// <summary>Progress of a long read, in rows: a line every million rows when not on a terminal.</summary>
    public IProgress<long>? RowProgress(string what)
    {
        var next = 1_000_000L;
        return new ImmediateProgress<long>(rows =>
        {
            if (rows < next) return;
            next = (rows / 1_000_000 + 1) * 1_000_000;
            Info($"{what}: {rows:N0} rows");
        });
    }
}
