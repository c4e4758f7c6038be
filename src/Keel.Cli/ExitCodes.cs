namespace Keel.Cli;

/// <summary>The exit codes of <c>keel</c>, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong: an unknown option, a missing required option, a value of the wrong form.</summary>
    public const int Usage = 1;

    /// <summary>The input cannot be used: a missing, empty or malformed file, a bad label, a tampered bundle.</summary>
    public const int InvalidInput = 2;

    /// <summary>Keel failed in a way that is not the input's fault; the message and stack trace help a bug report.</summary>
    public const int InternalError = 3;

    /// <summary>The actor's role does not allow the action (the refusal is in the audit log).</summary>
    public const int Forbidden = 4;

    /// <summary><c>keel monitor --fail-on-alert</c> found a data-quality problem or a performance alert.</summary>
    public const int Alert = 5;

    /// <summary>A promotion policy refused to move a guarded alias; every failed check is listed and the refusal audited.</summary>
    public const int GateRefused = 6;

    /// <summary>Interrupted (Ctrl-C); nothing was written.</summary>
    public const int Cancelled = 130;
}
