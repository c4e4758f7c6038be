namespace Keel.Cli.Demo;

/// <summary>A stage of the demo did not show what it must (e.g. no drift was detected); the demo exits non-zero with the reason.</summary>
internal sealed class DemoFailedException(string message) : Exception(message);
