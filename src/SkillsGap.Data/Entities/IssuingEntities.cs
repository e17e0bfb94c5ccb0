namespace SkillsGap.Data.Entities;

/// <summary>
/// Row of <c>issuer_keys</c>: one Ed25519 signing key of the organisation. Ids count up from 1; the highest id not
/// retired signs new credentials; a retired key still signs the status lists of the credentials it issued.
/// </summary>
public sealed class IssuerKeyEntity
{
    public int Id { get; set; }
    /// <summary><c>did:key:z6Mk…</c>: the issuer id of the credentials this key signs.</summary>
    public string Did { get; set; } = "";
    /// <summary>The private seed: <c>plain:&lt;base64&gt;</c>, or encrypted with the configured secret (<c>aes256gcm:…</c>).</summary>
    public string PrivateKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>
/// Row of <c>status_lists</c>: one Bitstring Status List, served at <c>/ob/status/{id}</c>, holding the revocation bits
/// of credentials signed by one key. <see cref="Allocated"/> counts the indexes handed out (in the keyed order of
/// <see cref="IndexKey"/>); <see cref="Revision"/> goes up with every change, and bumping it first serialises writers.
/// </summary>
public sealed class StatusListEntity
{
    public int Id { get; set; }
    public int KeyId { get; set; }
    public string Purpose { get; set; } = "";
    public int Size { get; set; }
    public int Allocated { get; set; }
    public long IndexKey { get; set; }
    public int Revision { get; set; }
    /// <summary>The signed BitstringStatusListCredential, re-signed whenever a bit changes.</summary>
    public string Document { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// Row of <c>issued_credentials</c>: an OpenBadgeCredential the organisation signed for an award. At most one current
/// (not superseded) credential per award; when the award changes, the old one is superseded and revoked.
/// </summary>
public sealed class IssuedCredentialEntity
{
    public long Id { get; set; }
    /// <summary><c>urn:uuid:…</c></summary>
    public string CredentialId { get; set; } = "";
    /// <summary>The award; null once the award row is gone (the credential and its status stay).</summary>
    public long? AwardId { get; set; }
    public string EmployeeId { get; set; } = "";
    public string BadgeId { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public int KeyId { get; set; }
    public int StatusListId { get; set; }
    public int StatusIndex { get; set; }
    /// <summary>SHA-256 of the award facts the credential states; a different value means the award changed.</summary>
    public string Fingerprint { get; set; } = "";
    /// <summary>The signed credential (JSON).</summary>
    public string Document { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? SupersededAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
}
