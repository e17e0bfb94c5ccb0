using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SkillsGap.App.Reports;

/// <summary>Registers the report-run schedule, ledger, fan-out, delivery and the sender chosen by <c>Reports:Delivery</c>.</summary>
public static class ReportRunServices
{
    /// <summary>Called by <c>AddSkillsGap</c>; the <see cref="IWeeklyReportBuilder"/> is registered beside it.</summary>
    public static IServiceCollection AddReportRuns(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>());
        services.AddSingleton<ReportSchedule>();
        services.AddSingleton<ReportRunLedger>();
        services.AddSingleton<ReportRunQuery>();
        services.AddSingleton<FolderReportSender>();
        services.AddSingleton<SmtpReportSender>();
        services.AddSingleton<IReportSender>(sp =>
            sp.GetRequiredService<IOptions<ReportOptions>>().Value.Delivery == ReportDeliveryMethod.Smtp
                ? sp.GetRequiredService<SmtpReportSender>()
                : sp.GetRequiredService<FolderReportSender>());
        services.AddScoped<ScheduleReportRuns>();
        services.AddScoped<DeliverReportRun>();
        services.AddScoped<RequestReportRun>();
        services.AddScoped<EmployeeDigestBuilder>();
        services.AddScoped<ScheduleEmployeeDigests>();
        services.AddScoped<DeliverEmployeeDigest>();
        return services;
    }
}
