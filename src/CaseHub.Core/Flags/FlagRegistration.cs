using CaseHub.Core.Flags.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Core.Flags;

/// <summary>The flag rules and their evaluator, for the web host and for the benchmark harness alike.</summary>
public static class FlagRegistration
{
    public static IServiceCollection AddFlagEvaluation(this IServiceCollection services)
    {
        services.AddScoped<IFlagRule, MissingAtDischargeRule>();
        services.AddScoped<IFlagRule, MissingBeforeDischargeRule>();
        services.AddScoped<IFlagRule, UnansweredRule>();
        services.AddScoped<IFlagRule, ReviewDueRule>();
        services.AddScoped<IFlagRule, MeetingOverdueRule>();
        services.AddScoped<IFlagRule, NoMeetingAfterDischargeRule>();
        services.AddScoped<IFlagRule, MinutesMissingRule>();
        services.AddScoped<IFlagRule, FollowUpOverdueRule>();
        services.AddScoped<IFlagRule, ConsentExpiredRule>();
        services.AddScoped<FlagEvaluator>();
        services.AddScoped<EvaluateFlagsJob>();
        return services;
    }
}
