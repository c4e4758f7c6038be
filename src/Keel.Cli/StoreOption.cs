using System.CommandLine;
using Keel.Store;

namespace Keel.Cli;

/// <summary>The <c>--store</c> option every store command shares, and how the CLI opens the store.</summary>
internal static class StoreOption
{
    public static Option<string> Create() => new("--store")
    {
        Description = "The store: sqlite:<path> (local, the default) or postgresql://user@host:port/db. The default comes from KEEL_STORE, else the local file.",
        DefaultValueFactory = _ => StoreUri.Default,
    };

    /// <summary>
    /// Opens the store as the actor of <c>KEEL_API_KEY</c> when it is set; otherwise as the local user, who is the admin
    /// of a local SQLite store and a viewer of a shared PostgreSQL store (writes there need a key).
    /// </summary>
    public static IKeelStore Open(string uri)
    {
        if (Environment.GetEnvironmentVariable("KEEL_API_KEY") is { Length: > 0 } key) return KeelStore.OpenWithKey(uri, key);
        var local = StoreUri.Parse(uri).Kind == StoreKind.Sqlite ? Actor.LocalUser : Actor.LocalUser with { Role = Role.Viewer };
        return KeelStore.Open(uri, local);
    }
}
