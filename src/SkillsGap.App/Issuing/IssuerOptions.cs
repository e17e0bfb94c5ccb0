namespace SkillsGap.App.Issuing;

/// <summary>
/// Settings under <c>Issuer</c>: the organisation that issues its own Open Badges 3.0 credentials. Issuing is off until
/// <see cref="Name"/> and <see cref="PublicBaseUrl"/> are set.
/// </summary>
public sealed class IssuerOptions
{
    public const string Section = "Issuer";

    /// <summary>The organisation's name as issuer; badges whose <c>issuer</c> is empty or this name are its own.</summary>
    public string? Name { get; set; }

    /// <summary>The organisation's web site (the Profile's <c>url</c>).</summary>
    public string? Url { get; set; }

    /// <summary>A contact e-mail address for the issuer (the Profile's <c>email</c>).</summary>
    public string? Email { get; set; }

    /// <summary>URL of the organisation's logo (the Profile's <c>image</c>).</summary>
    public string? Image { get; set; }

    /// <summary>Where the host is reached from outside (<c>https://skills.example.com</c>): achievements, status lists and credentials are published under it.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Issue credentials automatically after an awards import.</summary>
    public bool AutoIssue { get; set; }

    /// <summary>
    /// A secret (at least 16 characters, the same on every host) that encrypts the signing key's private half in the
    /// database (AES-256-GCM, key derived with PBKDF2-SHA256). Without it the key is stored unencrypted.
    /// </summary>
    public string? KeySecret { get; set; }

    /// <summary>True when the organisation can issue: a name and a public base URL.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Name) && !string.IsNullOrWhiteSpace(PublicBaseUrl);

    /// <summary>The public base URL without a trailing slash.</summary>
    public string BaseUrl => (PublicBaseUrl ?? "").Trim().TrimEnd('/');

    /// <summary>What is wrong with these settings; empty when they are usable (or issuing is simply not configured).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var any = !string.IsNullOrWhiteSpace(Name) || !string.IsNullOrWhiteSpace(PublicBaseUrl) || !string.IsNullOrWhiteSpace(Url)
            || !string.IsNullOrWhiteSpace(Email) || !string.IsNullOrWhiteSpace(Image) || AutoIssue;
        if (!any) return problems;
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("Issuer:Name is required to issue credentials (the organisation's name).");
        if (string.IsNullOrWhiteSpace(PublicBaseUrl)) problems.Add("Issuer:PublicBaseUrl is required to issue credentials (where the host is reached, e.g. https://skills.example.com).");
        else if (!IsWebUrl(PublicBaseUrl) || PublicBaseUrl.Contains('?', StringComparison.Ordinal) || PublicBaseUrl.Contains('#', StringComparison.Ordinal))
            problems.Add($"Issuer:PublicBaseUrl '{PublicBaseUrl}' must be an absolute http(s) URL without query or fragment.");
        if (!string.IsNullOrWhiteSpace(Url) && !IsWebUrl(Url)) problems.Add($"Issuer:Url '{Url}' must be an absolute http(s) URL.");
        if (!string.IsNullOrWhiteSpace(Image) && !IsWebUrl(Image) && !Image.StartsWith("data:image/", StringComparison.Ordinal))
            problems.Add($"Issuer:Image '{Image}' must be an absolute http(s) URL or a data:image/… URI.");
        if (!string.IsNullOrWhiteSpace(Email) && !System.Net.Mail.MailAddress.TryCreate(Email, out _))
            problems.Add($"Issuer:Email '{Email}' is not an e-mail address.");
        if (KeySecret is not null && KeySecret.Length < 16) problems.Add("Issuer:KeySecret must have at least 16 characters.");
        return problems;
    }

    private static bool IsWebUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
}

/// <summary>Issuing was asked for but the <c>Issuer</c> settings do not allow it (exit code 1).</summary>
public sealed class IssuerNotConfiguredException(string message) : InvalidOperationException(message);
