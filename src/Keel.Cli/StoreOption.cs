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

    /// <summary>Opens the store as the local user (the admin of a local store).</summary>
    public static IKeelStore Open(string uri) => KeelStore.Open(uri, Actor.LocalUser);
}
