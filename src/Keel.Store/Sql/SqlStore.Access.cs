using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Keel.Store.Sql;

internal sealed partial class SqlStore
{
    private const string KeyPrefix = "keel_";

    /// <summary>
    /// Refuses an action the actor's role does not allow, after recording the refusal in the audit log.
    /// </summary>
    private void Require(Role needed, string action, string target)
    {
        if (Actor.Role >= needed) return;
        Write((c, tx) =>
        {
            Audit(c, tx, "denied", target, new { action, role = Actor.Role.ToString().ToLowerInvariant(), needed = needed.ToString().ToLowerInvariant() });
            return 0;
        });
        throw new KeelStoreException($"{Actor.Name} ({Actor.Role.ToString().ToLowerInvariant()}) may not {action} {target}: that needs the {needed.ToString().ToLowerInvariant()} role. The refusal was recorded in the audit log.")
        { Forbidden = true };
    }

    /// <summary>The role needed to move an alias: deployer for champion, trainer for the others.</summary>
    private static Role AliasRole(string alias) => alias == "champion" ? Role.Deployer : Role.Trainer;

    public NewApiKey CreateApiKey(string actor, Role role)
    {
        CheckName(actor, "actor");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var bootstrap = Read(c => Convert.ToInt64(Scalar(c, null, "SELECT COUNT(*) FROM api_keys")) == 0);
        if (!bootstrap) Require(Role.Admin, "create an API key for", actor);
        var at = Now();
        Write((c, tx) =>
        {
            Exec(c, tx, "INSERT INTO api_keys (id, actor, role, salt, hash, created_by, created_at) VALUES (@id, @a, @r, @s, @h, @by, @at)",
                ("id", id), ("a", actor), ("r", role.ToString()), ("s", salt), ("h", KeyHash(salt, secret)), ("by", Actor.Name), ("at", at));
            Audit(c, tx, "key.create", $"key:{id}", new { actor, role = role.ToString().ToLowerInvariant(), bootstrap });
            return 0;
        });
        return new NewApiKey(new ApiKey(id, actor, role, Actor.Name, Time(at), null), $"{KeyPrefix}{id}_{secret}");
    }

    public IReadOnlyList<ApiKey> ListApiKeys()
    {
        Require(Role.Admin, "list", "API keys");
        return Read(c => Query(c, null, "SELECT id, actor, role, created_by, created_at, revoked_at FROM api_keys ORDER BY created_at, id",
            r => new ApiKey(r.GetString(0), r.GetString(1), Enum.Parse<Role>(r.GetString(2)), r.GetString(3), Time(r.GetString(4)), NullableString(r, 5) is { } t ? Time(t) : null)));
    }

    public void RevokeApiKey(string id)
    {
        Require(Role.Admin, "revoke", $"key:{id}");
        Write((c, tx) =>
        {
            if (Exec(c, tx, "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", ("at", Now()), ("id", id)) == 0)
                throw new KeelStoreException($"There is no active API key '{id}'. List keys with: keel keys list.");
            Audit(c, tx, "key.revoke", $"key:{id}", new { });
            return 0;
        });
    }

    /// <summary>The actor an API key stands for; an unknown, malformed or revoked key is refused without saying which.</summary>
    internal static Actor Authenticate(SqlDialect dialect, string key)
    {
        var parts = key.StartsWith(KeyPrefix, StringComparison.Ordinal) ? key[KeyPrefix.Length..].Split('_', 2) : [];
        if (parts.Length != 2) throw new KeelStoreException("The API key is not valid (it should look like keel_<id>_<secret>). Ask an admin for one: keel keys create.");
        using var c = dialect.Open();
        var row = Query(c, null, "SELECT actor, role, salt, hash, revoked_at FROM api_keys WHERE id = @id",
            r => (Actor: r.GetString(0), Role: Enum.Parse<Role>(r.GetString(1)), Salt: r.GetString(2), Hash: r.GetString(3), Revoked: !r.IsDBNull(4)), ("id", parts[0])).FirstOrDefault();
        if (row.Actor is null || row.Revoked || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(KeyHash(row.Salt, parts[1])), Encoding.ASCII.GetBytes(row.Hash)))
            throw new KeelStoreException("The API key is unknown or revoked. Ask an admin for a new one: keel keys create.");
        return new Actor(row.Actor, row.Role);
    }

    private static string KeyHash(string salt, string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + secret)));
}
