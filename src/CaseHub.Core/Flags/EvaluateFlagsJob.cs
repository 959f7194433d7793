namespace CaseHub.Core.Flags;

/// <summary>The background job that evaluates the flag rules: recurring, after each hospital notification, or one rule on demand.</summary>
public sealed class EvaluateFlagsJob(FlagEvaluator evaluator)
{
    /// <summary>The recurring job's stable id.</summary>
    public const string RecurringId = "flags-evaluate";

    /// <summary>Runs every rule for every patient, or only the given rule.</summary>
    public Task RunAsync(string? ruleId = null) => evaluator.EvaluateAsync(ruleId is null ? null : [ruleId]);

    /// <summary>Runs every rule for one patient, after something happened to them.</summary>
    public Task RunForPatientAsync(Guid patientId) => evaluator.EvaluateAsync(patientIds: [patientId]);
}
