namespace Keel.Lifecycle.Retraining;

/// <summary>One trigger or limit of a retraining decision: its name, whether it fired (a trigger) or blocked (a limit), and a sentence that says why.</summary>
public sealed record RetrainingCheck(string Name, bool Hit, string Reason);
