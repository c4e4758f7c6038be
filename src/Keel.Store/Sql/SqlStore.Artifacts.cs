using System.Security.Cryptography;

namespace Keel.Store.Sql;

internal sealed partial class SqlStore
{
    public string PutArtifact(string runId, string name, byte[] content)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 512) throw new KeelStoreException($"'{name}' is not a valid artifact name.");
        Require(Role.Trainer, "store an artifact of run", runId);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (_dialect.ArtifactFolder is { } folder) WriteContentFile(folder, sha, content);
        Write((c, tx) =>
        {
            FindRun(c, tx, runId);
            if (_dialect.ArtifactFolder is null && Scalar(c, tx, "SELECT sha256 FROM artifact_contents WHERE sha256 = @s", ("s", sha)) is null)
                Exec(c, tx, "INSERT INTO artifact_contents (sha256, content) VALUES (@s, @c)", ("s", sha), ("c", content));
            Exec(c, tx, "DELETE FROM artifacts WHERE run_id = @r AND name = @n", ("r", runId), ("n", name));
            Exec(c, tx, "INSERT INTO artifacts (run_id, name, sha256, size) VALUES (@r, @n, @s, @z)", ("r", runId), ("n", name), ("s", sha), ("z", (long)content.Length));
            return 0;
        });
        return sha;
    }

    public byte[] GetArtifact(string runId, string name)
    {
        var (sha, content) = Read(c =>
        {
            FindRun(c, null, runId);
            var recorded = Scalar(c, null, "SELECT sha256 FROM artifacts WHERE run_id = @r AND name = @n", ("r", runId), ("n", name)) as string
                           ?? throw new KeelStoreException($"Run {runId} has no artifact '{name}'.");
            var bytes = _dialect.ArtifactFolder is { } folder
                ? ReadContentFile(folder, recorded)
                : Scalar(c, null, "SELECT content FROM artifact_contents WHERE sha256 = @s", ("s", recorded)) as byte[];
            return (recorded, bytes ?? throw new KeelStoreException($"The content of artifact '{name}' of run {runId} (SHA-256 {recorded}) is missing from the store."));
        });
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (actual != sha)
            throw new KeelStoreException($"Artifact '{name}' of run {runId} has changed since it was stored (SHA-256 {actual[..12]}…, recorded {sha[..12]}…); do not use it.");
        return content;
    }

    private static string ContentPath(string folder, string sha) => Path.Combine(folder, sha[..2], sha);

    /// <summary>Content-addressed: written once through a temporary file, so a crash never leaves a partial file under a hash.</summary>
    private static void WriteContentFile(string folder, string sha, byte[] content)
    {
        var path = ContentPath(folder, sha);
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Keel.Data.Io.AtomicFile.WriteAllBytes(path, content);
    }

    private static byte[]? ReadContentFile(string folder, string sha)
    {
        var path = ContentPath(folder, sha);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }
}
