using Keel.Data;

namespace Keel.Learn;

/// <summary>A training, prediction or bundle problem the user can fix; the message says how.</summary>
public sealed class KeelLearnException : KeelDataException
{
    public KeelLearnException(string message) : base(message) { }

    public KeelLearnException(string message, Exception inner) : base(message, inner) { }
}
