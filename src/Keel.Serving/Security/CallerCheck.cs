using System.Collections.Concurrent;
using Keel.Serving.Inference;
using Keel.Store;
using Microsoft.AspNetCore.Http;

namespace Keel.Serving.Security;

/// <summary>
/// Who may call what: <c>Authorization: Bearer keel_…</c> keys from the store, checked against the role an endpoint
/// needs (viewer: metadata; predictor: infer and feedback; deployer: reload). A verified key is trusted for
/// <see cref="ServerOptions.KeyCacheDuration"/>, so a revocation takes effect within it. Keys are never logged.
/// </summary>
internal sealed class CallerCheck(IKeelStore store, ServerOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (Actor? Actor, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);

    /// <summary>The caller's actor; throws a 401 or 403 <see cref="RequestException"/> when the call is not allowed.</summary>
    public Actor Require(HttpContext context, Role needed)
    {
        if (options.InsecureNoAuth) return new Actor("anonymous", Role.Admin);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            throw new RequestException(401, "This server needs an API key: send \"Authorization: Bearer keel_...\" (an admin creates one with: keel keys create --actor NAME --role predictor).");
        }
        var key = header["Bearer ".Length..].Trim();
        var now = clock.GetUtcNow();
        if (!_verified.TryGetValue(key, out var entry) || entry.Until <= now)
        {
            Actor? actor;
            try { actor = store.Authenticate(key); }
            catch (KeelStoreException) { actor = null; }
            entry = (actor, now + (actor is null ? TimeSpan.FromSeconds(2) : options.KeyCacheDuration));
            if (_verified.Count > 10_000) _verified.Clear();
            _verified[key] = entry;
        }
        if (entry.Actor is not { } caller)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            throw new RequestException(401, "The API key is unknown or revoked. Ask an admin for a new one: keel keys create.");
        }
        if (caller.Role < needed)
            throw new RequestException(403, $"{caller.Name} ({caller.Role.ToString().ToLowerInvariant()}) may not do this: it needs the {needed.ToString().ToLowerInvariant()} role.");
        return caller;
    }
}
