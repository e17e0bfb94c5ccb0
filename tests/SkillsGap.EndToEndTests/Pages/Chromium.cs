namespace SkillsGap.EndToEndTests.Pages;

/// <summary>
/// Debian's Chromium for the browser tests: at <see cref="ExecutablePath"/> (<c>/usr/bin/chromium</c>, or the path in
/// <c>SKILLSGAP_TEST_CHROMIUM</c>), or not installed. Without it the browser tests
/// are skipped with a loud reason naming what to install (as the PostgreSQL rows are) — unless
/// <c>SKILLSGAP_REQUIRE_CHROMIUM=1</c> (<c>.ci/run</c> sets it), when they run and fail with that reason, so that CI never
/// passes without them.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";
    public const string PathVariable = "SKILLSGAP_TEST_CHROMIUM";
    public const string RequireVariable = "SKILLSGAP_REQUIRE_CHROMIUM";

    /// <summary>Where the browser is: <c>SKILLSGAP_TEST_CHROMIUM</c> when set, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>True when the browser tests must fail rather than skip without Chromium.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why the browser tests cannot run here, or null when Chromium is installed.</summary>
    public static string? UnavailableReason => File.Exists(ExecutablePath)
        ? null
        : $"CHROMIUM NOT AVAILABLE: {ExecutablePath} does not exist; install it with `apt-get install -y chromium` (.ci/run does).";

    /// <summary>The reason a browser test is skipped: null (it runs) when Chromium is there or required.</summary>
    public static string? SkipReason => Required || UnavailableReason is not { } reason
        ? null
        : $"{reason} The browser page tests were SKIPPED ({RequireVariable}=1 makes them fail instead).";
}

/// <summary>A test that drives Chromium: skipped loudly when it is not installed, unless required (<see cref="Chromium"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public override string? Skip
    {
        get => base.Skip ?? Chromium.SkipReason;
        set => base.Skip = value;
    }
}

/// <summary>A theory that drives Chromium: each row skipped loudly when it is not installed, unless required (<see cref="Chromium"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public override string? Skip
    {
        get => base.Skip ?? Chromium.SkipReason;
        set => base.Skip = value;
    }
}
