using Keel.Data;

namespace Keel.Store;

/// <summary>A store request that cannot be done as asked: unknown names, duplicates, an unreachable store. Nothing was written.</summary>
public sealed class KeelStoreException : KeelDataException
{
    public KeelStoreException(string message) : base(message) { }

    public KeelStoreException(string message, Exception inner) : base(message, inner) { }

    /// <summary>True when the actor's role does not allow the action (the CLI exits with 4).</summary>
    public bool Forbidden { get; init; }

    /// <summary>True when another writer already did it (a monitoring run over log entries another server covered).</summary>
    public bool Conflict { get; init; }

    /// <summary>
    /// True when a model's promotion policy refused an alias move (the refusal and its reasons are in the audit log;
    /// the CLI exits with 6).
    /// </summary>
    public bool GateRefused { get; init; }
}
