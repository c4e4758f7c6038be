using Keel.Data;

namespace Keel.Tuning;

/// <summary>A search space, study or tuning option that cannot be used; the message names the parameter or option and what to do.</summary>
public sealed class KeelTuningException : KeelDataException
{
    public KeelTuningException(string message) : base(message) { }
}
