using Keel.Store;

namespace Keel.Tuning.Studies;

/// <summary>A study kept in Keel's store (SQLite or PostgreSQL), so that it survives the process and workers can share it.</summary>
public sealed class StoreStudyStorage(IKeelStore store) : IStudyStorage
{
    public StudyRecord GetOrCreateStudy(string name, string direction, string settings) => store.GetOrCreateStudy(name, direction, settings);

    public TrialRecord EnqueueTrial(long studyId, string parameters) => store.EnqueueTrial(studyId, parameters);

    public TrialRecord? ClaimTrial(long studyId, string worker, int? maxTrials = null) => store.ClaimTrial(studyId, worker, maxTrials);

    public void ReportIntermediate(long trialId, int step, double value) => store.ReportIntermediate(trialId, step, value);

    public void Heartbeat(long trialId) => store.Heartbeat(trialId);

    public TrialRecord FinishTrial(long trialId, TrialState state, double? value, string parameters, string userAttributes) =>
        store.FinishTrial(trialId, state, value, parameters, userAttributes);

    public int ReleaseStaleTrials(long studyId, TimeSpan olderThan) => store.ReleaseStaleTrials(studyId, olderThan);

    public IReadOnlyList<TrialRecord> ListTrials(long studyId) => store.ListTrials(studyId);
}
