namespace Keel.Data;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread, so reports arrive in order
/// (the framework's <see cref="Progress{T}"/> posts them to the thread pool).
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
