using Keel.Reports;
using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>demo-report.html: the story as a timeline a manager follows.</summary>
internal static class DemoReport
{
    public static string Build(DemoContext demo, DemoRun run, Recovery recovery, IReadOnlyList<AuditEntry> audit, AuditVerification verification)
    {
        var report = new HtmlReport("Keel demo", "A model that keeps itself accurate");
        var timeline = report.Section("What happened");
        foreach (var e in demo.Timeline.Events) timeline.Paragraph($"{e.Period}: {e.Text}");
        return report.Render();
    }
}
