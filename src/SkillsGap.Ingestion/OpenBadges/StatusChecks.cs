using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>Revocation checks: OB 2.0 revocation lists and OB 3.0 BitstringStatusList / StatusList2021 entries.</summary>
internal static class StatusChecks
{
    private const int MaxListBytes = 16 * 1024 * 1024;

    /// <summary>True when the OB 2.0 revocation list at <paramref name="listUrl"/> names <paramref name="assertionId"/>; null when the list is not available.</summary>
    public static bool? IsOnRevocationList(string listUrl, string assertionId, DocumentSource source, Findings findings, out string? reason)
    {
        reason = null;
        if (source.Load(listUrl, findings) is not JsonElement list)
        {
            reason = $"the issuer's revocation list {listUrl} is not available offline (add it to the url map)";
            findings.Warn($"The issuer's revocation list {listUrl} is not available offline (add it to the url map); revocation was not checked.");
            return null;
        }
        if (!list.Types().Contains("RevocationList"))
            findings.Warn($"The revocation list {listUrl} does not have type RevocationList.");
        foreach (var entry in list.Prop("revokedAssertions").Items())
        {
            if (Json.IdOf(entry) == assertionId || entry.Str("uid") == assertionId)
            {
                reason = entry.ValueKind == JsonValueKind.Object ? entry.Str("revocationReason") : null;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The outcome of one credentialStatus entry: true = revoked/suspended, false = not, null = unknown (with a warning,
    /// and why in <paramref name="unknown"/>).
    /// </summary>
    public static bool? IsRevoked(JsonElement entry, DateTimeOffset now, DocumentSource source, Findings findings, out string? unknown,
        string? credentialIssuer = null)
    {
        string? why = null;
        var outcome = Check(entry, now, source, findings, ref why, credentialIssuer);
        unknown = outcome is null ? why : null;
        return outcome;
    }

    private static bool? Check(JsonElement entry, DateTimeOffset now, DocumentSource source, Findings findings, ref string? why, string? credentialIssuer)
    {
        var types = entry.Types();
        if (types.Contains("1EdTechRevocationList"))
        {
            findings.Warn(why = $"1EdTechRevocationList status {entry.Str("id")} needs the issuer's service (network); revocation was not checked.");
            return null;
        }
        if (!types.Contains("BitstringStatusListEntry") && !types.Contains("StatusList2021Entry"))
        {
            findings.Warn(why = $"credentialStatus type '{string.Join(",", types)}' is not supported (BitstringStatusListEntry, StatusList2021Entry); status was not checked.");
            return null;
        }
        var listUrl = entry.Str("statusListCredential");
        var indexText = entry.Prop("statusListIndex") is JsonElement ix ? (ix.ValueKind == JsonValueKind.Number ? ix.GetRawText() : ix.GetString()) : null;
        if (listUrl is null || !long.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            findings.Error("credentialStatus needs statusListCredential and a non-negative integer statusListIndex.");
            return null;
        }
        var purpose = entry.Str("statusPurpose") ?? "revocation";
        if (source.Load(listUrl, findings) is not JsonElement list)
        {
            findings.Warn(why = $"The status list {listUrl} is not available offline (add it to the url map); status was not checked.");
            return null;
        }
        var listTypes = list.Types();
        if (!listTypes.Contains("BitstringStatusListCredential") && !listTypes.Contains("StatusList2021Credential"))
        {
            findings.Warn(why = $"The status list {listUrl} is not a BitstringStatusListCredential / StatusList2021Credential; status is unknown.");
            return null;
        }
        // The list's own proof must hold, or anyone could publish a list that hides a revocation. A list issued by another
        // did than the credential is only noted: real issuers (the Digital Credentials Consortium's fixtures among them)
        // publish their lists under a separate key, and their verifier accepts that.
        var listIssuer = list.Prop("issuer") is JsonElement li ? Json.IdOf(li) : null;
        if (credentialIssuer is not null && listIssuer is not null && listIssuer != credentialIssuer)
            findings.Info($"The status list {listUrl} is issued by {listIssuer}, not by the credential's issuer {credentialIssuer}.");
        if (ListProof(listUrl, list, source) is { } broken)
        {
            findings.Warn(why = $"The status list {listUrl} {broken}; status is unknown.");
            return null;
        }
        var from = Dates.Parse(list.Str("validFrom") ?? list.Str("issuanceDate"));
        var until = Dates.Parse(list.Str("validUntil") ?? list.Str("expirationDate"));
        if (from is DateTimeOffset f && f > now)
        {
            findings.Warn(why = $"The status list {listUrl} is not valid before {Dates.Format(f)}; status is unknown.");
            return null;
        }
        if (until is DateTimeOffset u && u < now)
        {
            findings.Warn(why = $"The status list {listUrl} expired on {Dates.Format(u)}; status is unknown.");
            return null;
        }
        var subject = list.Prop("credentialSubject") ?? default;
        var listPurpose = subject.Str("statusPurpose");
        if (listPurpose is not null && listPurpose != purpose)
            findings.Warn($"The status list purpose '{listPurpose}' differs from the entry's '{purpose}'.");
        var encoded = subject.Str("encodedList");
        if (encoded is null)
        {
            findings.Warn(why = $"The status list {listUrl} has no encodedList; status is unknown.");
            return null;
        }
        byte[] bits;
        try { bits = DecodeList(encoded); }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            findings.Warn(why = $"The status list {listUrl} cannot be decoded ({e.Message}); status is unknown.");
            return null;
        }
        if (index >= bits.LongLength * 8)
        {
            findings.Error($"statusListIndex {index} is outside the status list ({bits.LongLength * 8} entries).");
            return null;
        }
        // Bit 0 is the most significant bit of the first byte (Bitstring Status List §3.2).
        var set = (bits[index / 8] & (0x80 >> (int)(index % 8))) != 0;
        if (set) findings.Error($"The credential is {(purpose == "suspension" ? "suspended" : "revoked")}: bit {index} of status list {listUrl} is set.");
        else findings.Info($"Status list {listUrl}: bit {index} ({purpose}) is not set.");
        return set;
    }

    /// <summary>
    /// Why the list's own Data Integrity proof does not hold (null when it verifies, or cannot be checked offline, or the
    /// list carries a proof of a suite this verifier does not check); once per list URL and source.
    /// </summary>
    private static string? ListProof(string listUrl, JsonElement list, DocumentSource source)
    {
        if (source.ListProofs.TryGetValue(listUrl, out var known)) return known;
        string? broken = null;
        foreach (var proof in list.Prop("proof").Items())
        {
            if (!DataIntegrity.IsSupported(proof.Types().FirstOrDefault(), proof.Str("cryptosuite"))) continue;
            var (outcome, detail) = DataIntegrity.Verify(list, proof, source);
            if (outcome == ProofOutcome.Failed) broken = "has an invalid proof (" + detail + ")";
        }
        source.ListProofs[listUrl] = broken;
        return broken;
    }

    /// <summary>encodedList: multibase base64url ('u'…) or plain base64url (StatusList2021), of a GZIP stream.</summary>
    internal static byte[] DecodeList(string encoded)
    {
        var compressed = encoded.StartsWith('u') ? Base64Url.Decode(encoded[1..]) : Base64Url.Decode(encoded);
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        return SafeJson.ReadAll(gzip, MaxListBytes, "The decompressed status list");
    }
}

/// <summary>ISO 8601 / XSD dateTime parsing, culture-invariant.</summary>
internal static class Dates
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value : null;
    }

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
