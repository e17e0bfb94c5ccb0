using System.Globalization;

namespace SkillsGap.App.Issuing;

/// <summary>
/// The addresses of one issued credential, for pages, e-mails and the wallet: its public verification page, its
/// downloads, and LinkedIn's "add to profile" link that points at the page.
/// </summary>
public static class CredentialLinks
{
    /// <summary>The bare UUID of <c>urn:uuid:X</c> (or X itself), as credential URLs carry it.</summary>
    public static string Key(string credentialId)
    {
        var id = CredentialDownloads.NormaliseId(credentialId);
        return id.StartsWith("urn:uuid:", StringComparison.Ordinal) ? id[9..] : id;
    }

    /// <summary>The public verification page, relative to the host: <c>/ob/credentials/{uuid}</c>.</summary>
    public static string PublicPagePath(string credentialId) => "/ob/credentials/" + Uri.EscapeDataString(Key(credentialId));

    /// <summary>The public verification page as published: <c>{Issuer:PublicBaseUrl}/ob/credentials/{uuid}</c>.</summary>
    public static string PublicPage(IssuerOptions options, string credentialId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.BaseUrl + PublicPagePath(credentialId);
    }

    /// <summary>The holder's download: <c>/api/credentials/{uuid}?format=json|png|svg</c>.</summary>
    public static string DownloadPath(string credentialId, string format) =>
        "/api/credentials/" + Uri.EscapeDataString(Key(credentialId)) + "?format=" + Uri.EscapeDataString(format);

    /// <summary>
    /// LinkedIn's add-to-profile link (a certification): <c>https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME</c>
    /// with the certification's name, the issuing organisation, the issue year and month, the expiry year and month when it
    /// expires, <c>certUrl</c> = the public verification page and <c>certId</c> = the credential's UUID.
    /// </summary>
    public static string LinkedInAddToProfile(string certificationName, string organisationName, DateOnly issuedOn, DateOnly? expiresOn,
        string certUrl, string credentialId)
    {
        var query = new List<(string, string)>
        {
            ("startTask", "CERTIFICATION_NAME"),
            ("name", certificationName),
            ("organizationName", organisationName),
            ("issueYear", issuedOn.Year.ToString(CultureInfo.InvariantCulture)),
            ("issueMonth", issuedOn.Month.ToString(CultureInfo.InvariantCulture)),
        };
        if (expiresOn is DateOnly expires)
        {
            query.Add(("expirationYear", expires.Year.ToString(CultureInfo.InvariantCulture)));
            query.Add(("expirationMonth", expires.Month.ToString(CultureInfo.InvariantCulture)));
        }
        query.Add(("certUrl", certUrl));
        query.Add(("certId", Key(credentialId)));
        return "https://www.linkedin.com/profile/add?" + string.Join("&", query.Select(q => q.Item1 + "=" + Uri.EscapeDataString(q.Item2)));
    }
}
