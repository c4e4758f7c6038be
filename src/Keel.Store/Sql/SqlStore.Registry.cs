using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Keel.Store.Sql;

internal sealed partial class SqlStore
{
    public RegisteredModel CreateModel(string name, string? description = null)
    {
        CheckName(name, "model");
        Require(Role.Trainer, "create model", name);
        return Write((c, tx) =>
        {
            if (Scalar(c, tx, "SELECT name FROM models WHERE name = @n", ("n", name)) is not null)
                throw new KeelStoreException($"A model named '{name}' already exists; register a new version of it instead.");
            return InsertModel(c, tx, name, description);
        });
    }

    private RegisteredModel InsertModel(DbConnection c, DbTransaction tx, string name, string? description)
    {
        var at = Now();
        Exec(c, tx, "INSERT INTO models (name, description, created_at) VALUES (@n, @d, @at)", ("n", name), ("d", description), ("at", at));
        Audit(c, tx, "model.create", name, new { description });
        return new RegisteredModel(name, description, Time(at), new Dictionary<string, int>());
    }

    public RegisteredModel GetOrCreateModel(string name)
    {
        CheckName(name, "model");
        Require(Role.Trainer, "create model", name);
        return Write((c, tx) =>
        {
            return Scalar(c, tx, "SELECT name FROM models WHERE name = @n", ("n", name)) is not null
                ? FindModel(c, tx, name)
                : InsertModel(c, tx, name, null);
        });
    }

    public RegisteredModel GetModel(string name) => Read(c => FindModel(c, null, name));

    public IReadOnlyList<RegisteredModel> ListModels() =>
        Read(c => Query(c, null, "SELECT name FROM models ORDER BY name", r => r.GetString(0)).Select(n => FindModel(c, null, n)).ToList());

    private static RegisteredModel FindModel(DbConnection c, DbTransaction? tx, string name)
    {
        var model = Query(c, tx, "SELECT name, description, created_at FROM models WHERE name = @n", r => (Name: r.GetString(0), Description: NullableString(r, 1), At: r.GetString(2)), ("n", name)).FirstOrDefault();
        if (model.Name is null)
        {
            var names = Query(c, tx, "SELECT name FROM models ORDER BY name", r => r.GetString(0));
            throw new KeelStoreException($"There is no model '{name}'. {(names.Count == 0 ? "No model is registered yet." : "The models are: " + string.Join(", ", names) + ".")}");
        }
        var aliases = Query(c, tx, "SELECT alias, version FROM aliases WHERE model_name = @n ORDER BY alias", r => (r.GetString(0), Convert.ToInt32(r.GetValue(1))), ("n", name))
            .ToDictionary(a => a.Item1, a => a.Item2);
        var tags = Query(c, tx, "SELECT key, value FROM model_tags WHERE model_name = @n ORDER BY key", r => (r.GetString(0), r.GetString(1)), ("n", name))
            .ToDictionary(t => t.Item1, t => t.Item2);
        return new RegisteredModel(model.Name, model.Description, Time(model.At), aliases) { Tags = tags };
    }

    public void SetModelTag(string model, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 256) throw new KeelStoreException($"'{key}' is not a valid tag key.");
        Require(Role.Trainer, "tag", model);
        Write((c, tx) =>
        {
            FindModel(c, tx, model);
            Exec(c, tx, "DELETE FROM model_tags WHERE model_name = @n AND key = @k", ("n", model), ("k", key));
            if (value is not null) Exec(c, tx, "INSERT INTO model_tags (model_name, key, value) VALUES (@n, @k, @v)", ("n", model), ("k", key), ("v", value));
            Audit(c, tx, value is null ? "model.untag" : "model.tag", model, new { key, value });
            return 0;
        });
    }

    public void SetModelDescription(string model, string? description)
    {
        Require(Role.Trainer, "describe", model);
        Write((c, tx) =>
        {
            FindModel(c, tx, model);
            Exec(c, tx, "UPDATE models SET description = @d WHERE name = @n", ("d", description), ("n", model));
            Audit(c, tx, "model.describe", model, new { description });
            return 0;
        });
    }

    public ModelVersion CreateVersion(string model, string bundleSha256, string signature, string metrics, string dataFingerprint, string? runId = null, string? parent = null)
    {
        Require(Role.Trainer, "register a version of", model);
        return Write((c, tx) =>
        {
            FindModel(c, tx, model);
            if (runId is not null) FindRun(c, tx, runId);
            var version = Convert.ToInt32(Scalar(c, tx, "SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE model_name = @n", ("n", model))) + 1;
            var at = Now();
            Exec(c, tx, "INSERT INTO model_versions (model_name, version, run_id, bundle_sha256, signature, metrics, data_fingerprint, parent, created_by, created_at) VALUES (@n, @v, @r, @sha, @sig, @m, @fp, @p, @by, @at)",
                ("n", model), ("v", (long)version), ("r", runId), ("sha", bundleSha256), ("sig", signature), ("m", metrics), ("fp", dataFingerprint), ("p", parent), ("by", Actor.Name), ("at", at));
            Audit(c, tx, "version.create", $"{model}@{version}", new { bundleSha256, runId, dataFingerprint, parent });
            return new ModelVersion(model, version, runId, bundleSha256, signature, metrics, dataFingerprint, parent, Actor.Name, Time(at));
        });
    }

    private const string VersionColumns = "model_name, version, run_id, bundle_sha256, signature, metrics, data_fingerprint, parent, created_by, created_at FROM model_versions";

    private static ModelVersion MapVersion(DbDataReader r) => new(
        r.GetString(0), Convert.ToInt32(r.GetValue(1)), NullableString(r, 2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetString(6), NullableString(r, 7), r.GetString(8), Time(r.GetString(9)));

    private static ModelVersion FindVersion(DbConnection c, DbTransaction? tx, string model, int version)
    {
        FindModel(c, tx, model);
        return Query(c, tx, $"SELECT {VersionColumns} WHERE model_name = @n AND version = @v", MapVersion, ("n", model), ("v", (long)version)).FirstOrDefault()
               ?? throw new KeelStoreException($"Model '{model}' has no version {version}. Its versions are: {string.Join(", ", Query(c, tx, "SELECT version FROM model_versions WHERE model_name = @n ORDER BY version", r => r.GetValue(0).ToString(), ("n", model)))}.");
    }

    public ModelVersion GetVersion(string model, int version) => Read(c => FindVersion(c, null, model, version));

    public IReadOnlyList<ModelVersion> ListVersions(string model) =>
        Read(c =>
        {
            FindModel(c, null, model);
            return Query(c, null, $"SELECT {VersionColumns} WHERE model_name = @n ORDER BY version", MapVersion, ("n", model));
        });

    public void SetAlias(string model, string alias, int version, GateDecision? gate = null)
    {
        if (!AliasPattern().IsMatch(alias))
            throw new KeelStoreException($"'{alias}' is not a valid alias: start with a letter, then up to 63 letters, digits, '-' or '_' (e.g. champion).");
        var target = $"{model}@{alias}";
        Require(AliasRole(alias), "move", target);
        var policy = GetPromotionPolicy(model);
        var guarded = policy is not null && policy.GuardedAliases.Contains(alias);
        if (guarded && gate is null)
            throw new KeelStoreException($"The alias '{alias}' of model '{model}' is guarded by a promotion policy: promote through the gate (`keel models promote {model} {version} --alias {alias}`).")
            { GateRefused = true };
        if (guarded && gate!.PolicySha256 != policy!.Sha256)
            throw new KeelStoreException($"The gate evaluated a policy (SHA-256 {Short(gate.PolicySha256)}) that is not the one registered for model '{model}' ({Short(policy.Sha256)}): evaluate the current policy again.")
            { GateRefused = true };
        if (guarded && !gate!.Passed)
        {
            var failed = gate.Checks.Where(c => !c.Passed).ToList();
            if (gate.OverrideJustification is null)
            {
                Write((c, tx) =>
                {
                    FindVersion(c, tx, model, version);
                    Audit(c, tx, "alias.refused", target, new { version, policy = policy!.Sha256, failed = failed.Select(f => new { f.Name, f.Detail }) });
                    return 0;
                });
                throw new KeelStoreException($"Version {version} of '{model}' cannot become {alias}: the promotion policy refused it. "
                                             + string.Join(" ", failed.Select((f, i) => $"({i + 1}) {f.Detail}")) + " The refusal was recorded in the audit log; an admin may override it with a justification.")
                { GateRefused = true };
            }
            if (string.IsNullOrWhiteSpace(gate.OverrideJustification))
                throw new KeelStoreException("An override of the promotion gate needs a justification: say why the model may be promoted despite the failed checks.");
            Require(Role.Admin, "override the promotion gate of", target);
        }
        Write((c, tx) =>
        {
            FindVersion(c, tx, model, version);
            // The policy was checked before this transaction; one set or replaced since then must be evaluated anew.
            if (Scalar(c, tx, "SELECT sha256 FROM promotion_policies WHERE model_name = @n", ("n", model)) as string != policy?.Sha256)
                throw new KeelStoreException($"The promotion policy of model '{model}' changed while the alias was being moved; evaluate the current policy again.")
                { GateRefused = true };
            var previous = Scalar(c, tx, "SELECT version FROM aliases WHERE model_name = @n AND alias = @a", ("n", model), ("a", alias));
            Exec(c, tx, "INSERT INTO aliases (model_name, alias, version) VALUES (@n, @a, @v) ON CONFLICT (model_name, alias) DO UPDATE SET version = excluded.version",
                ("n", model), ("a", alias), ("v", (long)version));
            int? before = previous is null ? null : Convert.ToInt32(previous);
            if (!guarded)
                Audit(c, tx, "alias.set", target, new { version, previous = before });
            else if (gate!.Passed)
                Audit(c, tx, "alias.set", target, new { version, previous = before, gate = new { policy = gate.PolicySha256, passed = true, checks = gate.Checks.Select(k => new { k.Name, k.Detail }) } });
            else
                Audit(c, tx, "alias.override", target, new
                {
                    version, previous = before, justification = gate.OverrideJustification,
                    gate = new { policy = gate.PolicySha256, passed = false, failed = gate.Checks.Where(k => !k.Passed).Select(k => new { k.Name, k.Detail }) },
                });
            return 0;
        });
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] + "…" : sha;

    public void SetVersionTag(string model, int version, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 256) throw new KeelStoreException($"'{key}' is not a valid tag key.");
        Require(Role.Trainer, "tag", $"{model}@{version}");
        Write((c, tx) =>
        {
            FindVersion(c, tx, model, version);
            Exec(c, tx, "DELETE FROM version_tags WHERE model_name = @n AND version = @v AND key = @k", ("n", model), ("v", (long)version), ("k", key));
            if (value is not null)
                Exec(c, tx, "INSERT INTO version_tags (model_name, version, key, value) VALUES (@n, @v, @k, @val)", ("n", model), ("v", (long)version), ("k", key), ("val", value));
            Audit(c, tx, value is null ? "version.untag" : "version.tag", $"{model}@{version}", new { key, value });
            return 0;
        });
    }

    public IReadOnlyDictionary<string, string> GetVersionTags(string model, int version) =>
        Read(c =>
        {
            FindVersion(c, null, model, version);
            return (IReadOnlyDictionary<string, string>)Query(c, null, "SELECT key, value FROM version_tags WHERE model_name = @n AND version = @v ORDER BY key",
                r => (r.GetString(0), r.GetString(1)), ("n", model), ("v", (long)version)).ToDictionary(t => t.Item1, t => t.Item2);
        });

    public PromotionPolicyRecord SetPromotionPolicy(string model, string policy, IReadOnlyList<string> guardedAliases)
    {
        if (string.IsNullOrWhiteSpace(policy)) throw new KeelStoreException("The promotion policy is empty.");
        if (guardedAliases.Count == 0) throw new KeelStoreException("A promotion policy must guard at least one alias (e.g. champion).");
        foreach (var alias in guardedAliases)
            if (!AliasPattern().IsMatch(alias)) throw new KeelStoreException($"'{alias}' is not a valid alias to guard.");
        Require(Role.Admin, "set the promotion policy of", model);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(policy)));
        var aliases = guardedAliases.Distinct().Order(StringComparer.Ordinal).ToList();
        return Write((c, tx) =>
        {
            FindModel(c, tx, model);
            var at = Now();
            Exec(c, tx, "DELETE FROM promotion_policies WHERE model_name = @n", ("n", model));
            Exec(c, tx, "INSERT INTO promotion_policies (model_name, policy, sha256, guarded_aliases, set_by, set_at) VALUES (@n, @p, @s, @g, @by, @at)",
                ("n", model), ("p", policy), ("s", sha), ("g", Json(aliases)), ("by", Actor.Name), ("at", at));
            Audit(c, tx, "policy.set", model, new { sha256 = sha, guards = aliases });
            return new PromotionPolicyRecord(model, policy, sha, aliases, Actor.Name, Time(at));
        });
    }

    public void DeletePromotionPolicy(string model)
    {
        Require(Role.Admin, "remove the promotion policy of", model);
        Write((c, tx) =>
        {
            FindModel(c, tx, model);
            var sha = Scalar(c, tx, "SELECT sha256 FROM promotion_policies WHERE model_name = @n", ("n", model))
                      ?? throw new KeelStoreException($"Model '{model}' has no promotion policy.");
            Exec(c, tx, "DELETE FROM promotion_policies WHERE model_name = @n", ("n", model));
            Audit(c, tx, "policy.delete", model, new { sha256 = (string)sha });
            return 0;
        });
    }

    public PromotionPolicyRecord? GetPromotionPolicy(string model) =>
        Read(c =>
        {
            FindModel(c, null, model);
            return Query(c, null, "SELECT model_name, policy, sha256, guarded_aliases, set_by, set_at FROM promotion_policies WHERE model_name = @n",
                r => new PromotionPolicyRecord(r.GetString(0), r.GetString(1), r.GetString(2),
                    JsonSerializer.Deserialize<List<string>>(r.GetString(3)) ?? [], r.GetString(4), Time(r.GetString(5))), ("n", model)).FirstOrDefault();
        });

    public void DeleteAlias(string model, string alias)
    {
        Require(AliasRole(alias), "remove", $"{model}@{alias}");
        Write((c, tx) =>
        {
            FindModel(c, tx, model);
            var previous = Scalar(c, tx, "SELECT version FROM aliases WHERE model_name = @n AND alias = @a", ("n", model), ("a", alias))
                           ?? throw new KeelStoreException($"Model '{model}' has no alias '{alias}'.");
            Exec(c, tx, "DELETE FROM aliases WHERE model_name = @n AND alias = @a", ("n", model), ("a", alias));
            Audit(c, tx, "alias.delete", $"{model}@{alias}", new { previous = Convert.ToInt32(previous) });
            return 0;
        });
    }

    public ModelVersion Resolve(string model, string aliasOrVersion) =>
        Read(c =>
        {
            if (int.TryParse(aliasOrVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return FindVersion(c, null, model, number);
            var found = FindModel(c, null, model);
            if (!found.Aliases.TryGetValue(aliasOrVersion, out var version))
                throw new KeelStoreException($"Model '{model}' has no alias '{aliasOrVersion}'. {(found.Aliases.Count == 0 ? "It has no aliases yet." : "Its aliases are: " + string.Join(", ", found.Aliases.Select(a => $"{a.Key} (v{a.Value})")) + ".")}");
            return FindVersion(c, null, model, version);
        });

    public Lineage GetLineage(string model, int version) =>
        Read(c =>
        {
            var v = FindVersion(c, null, model, version);
            Run? run = v.RunId is { } id ? Query(c, null, $"SELECT {RunColumns} WHERE r.id = @id", MapRun, ("id", id)).FirstOrDefault() : null;
            var ancestors = new List<ModelVersion>();
            var seen = new HashSet<string> { $"{model}@{version}" };
            var parent = v.Parent;
            while (parent is not null && parent.LastIndexOf('@') is var at and > 0 && seen.Add(parent)
                   && int.TryParse(parent[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pv))
            {
                var next = Query(c, null, $"SELECT {VersionColumns} WHERE model_name = @n AND version = @v", MapVersion, ("n", parent[..at]), ("v", (long)pv)).FirstOrDefault();
                if (next is null) break;
                ancestors.Add(next);
                parent = next.Parent;
            }
            return new Lineage(v, run, ancestors);
        });

    private static string Json(object value) => JsonSerializer.Serialize(value, Keel.Data.KeelJson.Compact);
}
