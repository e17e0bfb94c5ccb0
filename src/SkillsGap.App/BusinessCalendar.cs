using Microsoft.Extensions.Options;

namespace SkillsGap.App;

/// <summary>"Today" in the configured time zone, from the injected <see cref="TimeProvider"/>.</summary>
public sealed class BusinessCalendar(TimeProvider time, IOptions<SkillsGapOptions> options)
{
    private readonly TimeZoneInfo _zone = string.IsNullOrWhiteSpace(options.Value.TimeZone)
        ? TimeZoneInfo.Local
        : TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    public DateTimeOffset Now => time.GetUtcNow();
}
