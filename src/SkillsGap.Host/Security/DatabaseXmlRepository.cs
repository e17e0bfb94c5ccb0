using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.Host.Security;

/// <summary>
/// Keeps ASP.NET Core data-protection keys (which encrypt the sign-in and antiforgery cookies) in the shared
/// <c>settings</c> table, so that a cookie issued by one host is read by every other host on the same database.
/// </summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<SkillsGapDbContext> contexts, TimeProvider time) : IXmlRepository
{
    private const string Prefix = "data-protection-key:";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = contexts.CreateDbContext();
        return [.. db.Settings.AsNoTracking().Where(s => s.Name.StartsWith(Prefix)).Select(s => s.Value).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var db = contexts.CreateDbContext();
        db.Settings.Add(new SettingEntity
        {
            Name = Prefix + (string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName),
            Value = element.ToString(SaveOptions.DisableFormatting),
            UpdatedAt = time.GetUtcNow(),
        });
        db.SaveChanges();
    }

    /// <summary>Points data protection at this repository (application name <c>SkillsGap</c> on every host).</summary>
    public static IServiceCollection AddDatabaseDataProtection(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("SkillsGap");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<SkillsGapDbContext>>(), sp.GetRequiredService<TimeProvider>())));
        return services;
    }
}
