namespace SkillsGap.Host.Security;

/// <summary>Authorization policy names: the API takes bearer tokens only, the pages and the dashboard the cookie.</summary>
public static class SkillsGapPolicies
{
    /// <summary>Any valid bearer token (the endpoint then applies <see cref="AccessRules"/>).</summary>
    public const string Api = "api";

    /// <summary>Signed in with the cookie, any role.</summary>
    public const string Pages = "pages";

    /// <summary>Signed in with the cookie as hr (the Hangfire dashboard, HR pages).</summary>
    public const string HrPages = "hr-pages";
}
