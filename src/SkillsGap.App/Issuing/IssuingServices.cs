using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SkillsGap.App.Issuing;

/// <summary>Registers the <c>Issuer</c> options (validated at start: a host with unusable settings does not start) and the issuing use cases.</summary>
public static class IssuingServices
{
    public static IServiceCollection AddIssuing(this IServiceCollection services)
    {
        services.AddOptions<IssuerOptions>().BindConfiguration(IssuerOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IssuerOptions>, IssuerOptionsValidator>());
        services.AddSingleton<IssuerKeys>();
        services.AddSingleton<StatusListStore>();
        services.AddScoped<IssueCredentials>();
        services.AddScoped<RevokeCredential>();
        services.AddScoped<CredentialDownloads>();
        services.AddScoped<PublicDocuments>();
        services.AddScoped<CredentialVerdicts>();
        services.AddScoped<AutoIssue>();
        services.AddScoped<RotateIssuerKey>();
        services.AddScoped<Jobs.IJobHandler, IssueCredentialsJob>();
        return services;
    }

    private sealed class IssuerOptionsValidator : IValidateOptions<IssuerOptions>
    {
        public ValidateOptionsResult Validate(string? name, IssuerOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
