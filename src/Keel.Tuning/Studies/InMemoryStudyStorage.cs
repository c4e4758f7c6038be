using Keel.Store;

namespace Keel.Tuning.Studies;

/// <summary>
/// Studies held in memory, for a study that need not outlive its process (and for tests); thread-safe, with the same
/// queue and numbering rules as the store.
/// </summary>
public sealed class InMemoryStudyStorage(TimeProvider? clock = null) : IStudyStorage
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly List<StudyRecord> _studies = [];
    private readonly List<TrialRecord> _trials = [];

    public StudyRecord GetOrCreateStudy(string name, string direction, string settings)
    {
        lock (_lock)
        {
            if (_studies.FirstOrDefault(s => s.Name == name) is { } existing)
                return existing.Direction == direction ? existing : throw new KeelTuningException($"The study '{name}' exists and is to {existing.Direction}, not {direction}.");
            var study = new StudyRecord(_studies.Count + 1, name, direction, settings, _clock.GetUtcNow());
            _studies.Add(study);
            return study;
        }
    }

    public TrialRecord EnqueueTrial(long studyId, string parameters)
    {
        lock (_lock) return Add(studyId, TrialState.Waiting, parameters, null);
    }

    public TrialRecord? ClaimTrial(long studyId, string worker, int? maxTrials = null)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            var waiting = _trials.FindIndex(t => t.StudyId == studyId && t.State == TrialState.Waiting);
            if (waiting >= 0)
                return _trials[waiting] = _trials[waiting] with { State = TrialState.Running, Worker = worker, StartedAt = now, HeartbeatAt = now };
            if (maxTrials is { } max && _trials.Count(t => t.StudyId == studyId) >= max) return null;
            return Add(studyId, TrialState.Running, "{}", worker);
        }
    }

    private TrialRecord Add(long studyId, TrialState state, string parameters, string? worker)
    {
        if (_studies.All(s => s.Id != studyId)) throw new KeelTuningException($"There is no study with id {studyId}.");
        var now = state == TrialState.Running ? _clock.GetUtcNow() : (DateTimeOffset?)null;
        var number = _trials.Count(t => t.StudyId == studyId);
        var trial = new TrialRecord(_trials.Count + 1, studyId, number, state, parameters, null, "{}", worker, now, null, now);
        _trials.Add(trial);
        return trial;
    }

    public void ReportIntermediate(long trialId, int step, double value)
    {
        lock (_lock)
        {
            var i = Running(trialId);
            var values = new Dictionary<int, double>(_trials[i].Intermediate) { [step] = value };
            _trials[i] = _trials[i] with { Intermediate = values, HeartbeatAt = _clock.GetUtcNow() };
        }
    }

    public void Heartbeat(long trialId)
    {
        lock (_lock)
        {
            var i = Running(trialId);
            _trials[i] = _trials[i] with { HeartbeatAt = _clock.GetUtcNow() };
        }
    }

    public TrialRecord FinishTrial(long trialId, TrialState state, double? value, string parameters, string userAttributes)
    {
        lock (_lock)
        {
            var i = Running(trialId);
            var now = _clock.GetUtcNow();
            return _trials[i] = _trials[i] with { State = state, Value = value, Params = parameters, UserAttributes = userAttributes, FinishedAt = now, HeartbeatAt = now };
        }
    }

    public int ReleaseStaleTrials(long studyId, TimeSpan olderThan)
    {
        lock (_lock)
        {
            var cutoff = _clock.GetUtcNow() - olderThan;
            var stale = _trials.Where(t => t.StudyId == studyId && t.State == TrialState.Running && t.HeartbeatAt < cutoff).ToList();
            foreach (var t in stale)
            {
                _trials[_trials.IndexOf(t)] = t with { State = TrialState.Failed, FinishedAt = _clock.GetUtcNow(), UserAttributes = "{\"released\":\"no heartbeat\"}" };
                Add(studyId, TrialState.Waiting, t.Params, null);
            }
            return stale.Count;
        }
    }

    public IReadOnlyList<TrialRecord> ListTrials(long studyId)
    {
        lock (_lock) return _trials.Where(t => t.StudyId == studyId).OrderBy(t => t.Number).ToList();
    }

    private int Running(long trialId)
    {
        var i = _trials.FindIndex(t => t.Id == trialId);
        if (i < 0) throw new KeelTuningException($"There is no trial with id {trialId}.");
        if (_trials[i].State != TrialState.Running)
            throw new KeelTuningException($"Trial {_trials[i].Number} is {_trials[i].State.ToString().ToLowerInvariant()}, not running; its result is not recorded.");
        return i;
    }
}
