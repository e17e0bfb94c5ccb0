using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace SkillsGap.Ingestion.OpenBadges.Issuing;

/// <summary>
/// An Ed25519 key that signs credentials, named by its <c>did:key</c> (multicodec 0xed01, base58btc), so that anyone
/// can check a signature offline: the DID is the public key.
/// </summary>
public sealed class IssuerSigningKey
{
    /// <summary>Bytes of an Ed25519 private key seed and of a public key.</summary>
    public const int KeyBytes = 32;

    private readonly Ed25519PrivateKeyParameters _private;

    private IssuerSigningKey(byte[] seed)
    {
        _private = new Ed25519PrivateKeyParameters(seed, 0);
        PublicKey = _private.GeneratePublicKey().GetEncoded();
        PublicKeyMultibase = Multikey.Ed25519PublicKey(PublicKey);
        Did = "did:key:" + PublicKeyMultibase;
    }

    /// <summary>A new random key.</summary>
    public static IssuerSigningKey Generate() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The key whose 32-byte private seed is <paramref name="seed"/>.</summary>
    public static IssuerSigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != KeyBytes) throw new ArgumentException($"An Ed25519 seed has {KeyBytes} bytes, not {seed.Length}.", nameof(seed));
        return new IssuerSigningKey(seed.ToArray());
    }

    /// <summary>The 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as a Multikey value, <c>z6Mk…</c>.</summary>
    public string PublicKeyMultibase { get; }

    /// <summary><c>did:key:z6Mk…</c>: the issuer id of the credentials this key signs.</summary>
    public string Did { get; }

    /// <summary><c>did:key:z6Mk…#z6Mk…</c>: the verification method named in a proof.</summary>
    public string VerificationMethod => Did + "#" + PublicKeyMultibase;

    /// <summary>The private seed, for storing the key (protect it).</summary>
    public byte[] ExportSeed() => _private.GetEncoded();

    /// <summary>The 64-byte Ed25519 signature of <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        var buffer = data.ToArray();
        signer.BlockUpdate(buffer, 0, buffer.Length);
        return signer.GenerateSignature();
    }
}

/// <summary>Multikey / multibase encodings used by Data Integrity proofs and <c>did:key</c>.</summary>
public static class Multikey
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary><c>z</c> + base58btc(0xed 0x01 ‖ key): an Ed25519 public key as did:key and Multikey write it.</summary>
    public static string Ed25519PublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != IssuerSigningKey.KeyBytes) throw new ArgumentException("An Ed25519 public key has 32 bytes.", nameof(publicKey));
        return Base58Btc([0xED, 0x01, .. publicKey]);
    }

    /// <summary>Multibase base58btc: <c>z</c> followed by the Bitcoin base58 alphabet, leading zero bytes as <c>1</c>.</summary>
    public static string Base58Btc(ReadOnlySpan<byte> bytes)
    {
        var zeros = 0;
        while (zeros < bytes.Length && bytes[zeros] == 0) zeros++;
        // Repeated division of a big-endian base-256 number by 58, digits collected least significant first.
        var digits = new List<byte>(bytes.Length * 138 / 100 + 1);
        for (var i = zeros; i < bytes.Length; i++)
        {
            var carry = (int)bytes[i];
            for (var j = 0; j < digits.Count; j++)
            {
                carry += digits[j] << 8;
                digits[j] = (byte)(carry % 58);
                carry /= 58;
            }
            while (carry > 0)
            {
                digits.Add((byte)(carry % 58));
                carry /= 58;
            }
        }
        var text = new char[1 + zeros + digits.Count];
        text[0] = 'z';
        for (var i = 0; i < zeros; i++) text[1 + i] = '1';
        for (var i = 0; i < digits.Count; i++) text[1 + zeros + i] = Base58Alphabet[digits[digits.Count - 1 - i]];
        return new string(text);
    }

    /// <summary>Multibase base64url without padding: <c>u</c> + RFC 4648 §5.</summary>
    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        "u" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
