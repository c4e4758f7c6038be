namespace Keel.Cli.Demo;

/// <summary>What kind of thing happened in the demo's story.</summary>
internal enum DemoEventKind { Trained, Served, Drift, PerformanceDrop, Retrained, Kept, Promoted, Switched }

/// <summary>One thing that happened: after which call (row of the data), in which month, in plain words.</summary>
internal sealed record DemoEvent(DemoEventKind Kind, int Row, string Period, string Text);

/// <summary>The story as it happens, in order; the report's timeline and the summary read it.</summary>
internal sealed class DemoTimeline
{
    private readonly List<DemoEvent> _events = [];

    public IReadOnlyList<DemoEvent> Events => _events;

    public DemoEvent Add(DemoEventKind kind, int row, string period, string text)
    {
        var e = new DemoEvent(kind, row, period, text);
        _events.Add(e);
        return e;
    }

    public DemoEvent? First(DemoEventKind kind) => _events.FirstOrDefault(e => e.Kind == kind);
}
