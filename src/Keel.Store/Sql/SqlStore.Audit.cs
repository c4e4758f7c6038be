using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Keel.Store.Sql;

internal sealed partial class SqlStore
{
    /// <summary>The previous hash of the first entry.</summary>
    internal const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Appends an entry inside the caller's write transaction, chained to the last one.</summary>
    private void Audit(DbConnection c, DbTransaction tx, string action, string target, object details)
    {
        var last = Query(c, tx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", r => (Seq: Convert.ToInt64(r.GetValue(0)), Hash: r.GetString(1))).FirstOrDefault();
        var seq = last.Hash is null ? 1 : last.Seq + 1;
        var previous = last.Hash ?? Genesis;
        var at = Now();
        var text = Json(details);
        var hash = EntryHash(seq, at, Actor.Name, action, target, text, previous);
        Exec(c, tx, "INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, hash) VALUES (@s, @at, @a, @act, @t, @d, @p, @h)",
            ("s", seq), ("at", at), ("a", Actor.Name), ("act", action), ("t", target), ("d", text), ("p", previous), ("h", hash));
        Exec(c, tx, "INSERT INTO audit_head (id, seq, hash) VALUES (1, @s, @h) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash", ("s", seq), ("h", hash));
    }

    public void RecordEvent(string action, string target, IReadOnlyDictionary<string, string> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(target)) throw new ArgumentException("Name what the event concerns, e.g. churn@7.", nameof(target));
        if (string.IsNullOrEmpty(action) || !action.Contains('.', StringComparison.Ordinal) || action.Any(ch => !(char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch is '.' or '_')))
            throw new ArgumentException($"'{action}' is not an event name: write a dotted lower-case name such as rollout.rollback.", nameof(action));
        Require(Role.Predictor, $"record {action} for", target);
        Write((c, tx) =>
        {
            Audit(c, tx, action, target, new SortedDictionary<string, string>(details.ToDictionary(), StringComparer.Ordinal));
            return 0;
        });
    }

    /// <summary>SHA-256 of the entry's fields (a JSON array, so no separator can be forged) and the previous hash.</summary>
    internal static string EntryHash(long seq, string at, string actor, string action, string target, string details, string previous)
    {
        var canonical = JsonSerializer.Serialize(new object[] { seq, at, actor, action, target, details, previous });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public IReadOnlyList<AuditEntry> ReadAudit(long fromSequence = 1, int limit = int.MaxValue) =>
        Read(c => Query(c, null, "SELECT seq, at, actor, action, target, details, prev_hash, hash FROM audit_log WHERE seq >= @from ORDER BY seq",
            r => new AuditEntry(Convert.ToInt64(r.GetValue(0)), Time(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7)),
            ("from", fromSequence)).Take(limit).ToList());

    public AuditVerification VerifyAudit() =>
        Read(c =>
        {
            var rows = Query(c, null, "SELECT seq, at, actor, action, target, details, prev_hash, hash FROM audit_log ORDER BY seq",
                r => (Seq: Convert.ToInt64(r.GetValue(0)), At: r.GetString(1), Actor: r.GetString(2), Action: r.GetString(3), Target: r.GetString(4), Details: r.GetString(5), Previous: r.GetString(6), Hash: r.GetString(7)));
            var expectedPrevious = Genesis;
            for (var i = 0; i < rows.Count; i++)
            {
                var e = rows[i];
                if (e.Seq != i + 1)
                    return new AuditVerification(false, rows.Count, i + 1, $"entry {i + 1} is missing: the log jumps from {i} to {e.Seq} (a row was deleted).");
                if (e.Previous != expectedPrevious)
                    return new AuditVerification(false, rows.Count, e.Seq, $"entry {e.Seq} does not follow entry {e.Seq - 1}: its previous hash does not match (a row was replaced or inserted).");
                if (EntryHash(e.Seq, e.At, e.Actor, e.Action, e.Target, e.Details, e.Previous) != e.Hash)
                    return new AuditVerification(false, rows.Count, e.Seq, $"entry {e.Seq} ({e.Action} {e.Target}) was edited: its content no longer matches its hash.");
                expectedPrevious = e.Hash;
            }
            var head = Query(c, null, "SELECT seq, hash FROM audit_head WHERE id = 1", r => (Seq: Convert.ToInt64(r.GetValue(0)), Hash: r.GetString(1))).FirstOrDefault();
            if (head.Hash is not null && (head.Seq != rows.Count || head.Hash != expectedPrevious))
                return new AuditVerification(false, rows.Count, Math.Min(head.Seq, rows.Count + 1),
                    head.Seq > rows.Count
                        ? $"entries {rows.Count + 1} to {head.Seq} are missing: the log ends at {rows.Count} but its head records {head.Seq} (the newest rows were deleted)."
                        : $"the log's head records entry {head.Seq}, which does not match the newest entry {rows.Count} (the head or the log was edited).");
            if (head.Hash is null && rows.Count > 0)
                return new AuditVerification(false, rows.Count, 1, "the log has entries but no head record (the head was deleted).");
            return new AuditVerification(true, rows.Count, null, null);
        });
}
