using Keel.Store;

namespace Keel.Tuning.Studies;

/// <summary>
/// Where a study's trials live: Keel's store (<see cref="StoreStudyStorage"/>, shared by workers) or memory
/// (<see cref="InMemoryStudyStorage"/>, for one process). The operations and their guarantees are those of
/// <see cref="IKeelStore"/>'s study methods.
/// </summary>
public interface IStudyStorage
{
    StudyRecord GetOrCreateStudy(string name, string direction, string settings);

    TrialRecord EnqueueTrial(long studyId, string parameters);

    TrialRecord? ClaimTrial(long studyId, string worker, int? maxTrials = null);

    void ReportIntermediate(long trialId, int step, double value);

    void Heartbeat(long trialId);

    TrialRecord FinishTrial(long trialId, TrialState state, double? value, string parameters, string userAttributes);

    int ReleaseStaleTrials(long studyId, TimeSpan olderThan);

    IReadOnlyList<TrialRecord> ListTrials(long studyId);
}
