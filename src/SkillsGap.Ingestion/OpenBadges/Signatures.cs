using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>A public key usable for JWS verification: RSA, EC P-256 or Ed25519.</summary>
internal sealed record PublicKey(string Kind, RSAParameters? Rsa = null, ECParameters? Ec = null, byte[]? Ed25519 = null)
{
    public static PublicKey FromJwk(JsonElement jwk)
    {
        static byte[] B(JsonElement e, string n) => Base64Url.Decode(e.Str(n) ?? throw new InvalidDataException($"The JWK has no '{n}'."));
        switch (jwk.Str("kty"))
        {
            case "RSA":
                return new PublicKey("RSA", Rsa: new RSAParameters { Modulus = B(jwk, "n"), Exponent = B(jwk, "e") });
            case "EC":
                var crv = jwk.Str("crv");
                if (crv != "P-256") throw new InvalidDataException($"EC curve '{crv}' is not supported (P-256 only).");
                return new PublicKey("EC", Ec: new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = B(jwk, "x"), Y = B(jwk, "y") } });
            case "OKP" when jwk.Str("crv") == "Ed25519":
                return new PublicKey("Ed25519", Ed25519: B(jwk, "x"));
            default:
                throw new InvalidDataException($"JWK key type '{jwk.Str("kty")}' / curve '{jwk.Str("crv")}' is not supported.");
        }
    }

    public static PublicKey FromPem(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new PublicKey("RSA", Rsa: rsa.ExportParameters(false));
        }
        catch (ArgumentException)
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new PublicKey("EC", Ec: ec.ExportParameters(false));
        }
    }

    /// <summary>A key from a multibase multicodec value (did:key, publicKeyMultibase): Ed25519 (0xed01) only.</summary>
    public static PublicKey FromMultibase(string multibase)
    {
        var bytes = Multibase.Decode(multibase);
        if (bytes.Length == 34 && bytes[0] == 0xED && bytes[1] == 0x01)
            return new PublicKey("Ed25519", Ed25519: bytes[2..]);
        throw new InvalidDataException("Only Ed25519 multikeys (z6Mk…) are supported.");
    }

    public bool Verify(string alg, byte[] data, byte[] signature)
    {
        switch (alg)
        {
            case "RS256" or "RS384" or "RS512" or "PS256" when Kind == "RSA":
                using (var rsa = RSA.Create(Rsa!.Value))
                {
                    var name = alg[2..] switch { "384" => HashAlgorithmName.SHA384, "512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
                    var padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                    return rsa.VerifyData(data, signature, name, padding);
                }
            case "ES256" when Kind == "EC":
                using (var ec = ECDsa.Create(Ec!.Value))
                    return ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            case "EdDSA" or "Ed25519" when Kind == "Ed25519":
                if (Ed25519!.Length != 32 || signature.Length != 64) return false;
                var verifier = new Ed25519Signer();
                verifier.Init(false, new Ed25519PublicKeyParameters(Ed25519, 0));
                verifier.BlockUpdate(data, 0, data.Length);
                return verifier.VerifySignature(signature);
            default:
                throw new InvalidDataException($"Algorithm {alg} does not fit a {Kind} key or is not supported (RS256, ES256, EdDSA).");
        }
    }
}

/// <summary>A compact JWS (<c>header.payload.signature</c>), as used by OB 2.0 signed assertions and VC-JWT.</summary>
internal sealed record CompactJws(JsonElement Header, string PayloadText, byte[] SigningInput, byte[] Signature)
{
    public string Alg => Header.Str("alg") ?? "";

    public static bool LooksLikeJws(string text)
    {
        var t = text.Trim();
        var parts = t.Split('.');
        return parts.Length == 3 && parts[0].StartsWith("ey", StringComparison.Ordinal) &&
               t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=');
    }

    public static CompactJws Parse(string text, VerifierOptions options)
    {
        var t = text.Trim();
        if (t.Length > options.MaxJsonBytes * 2) throw new InvalidDataException("The JWS is larger than the size limit.");
        var parts = t.Split('.');
        if (parts.Length != 3) throw new InvalidDataException("A compact JWS has three dot-separated parts.");
        try
        {
            var header = SafeJson.Parse(Base64Url.Decode(parts[0]), options, "The JWS header");
            var payload = Encoding.UTF8.GetString(Base64Url.Decode(parts[1]));
            return new CompactJws(header, payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]));
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"The JWS is not valid base64url: {e.Message}");
        }
    }
}

internal static class Base64Url
{
    public static byte[] Decode(string s)
    {
        var t = s.Trim().TrimEnd('=').Replace('-', '+').Replace('_', '/');
        t = t.PadRight(t.Length + (4 - t.Length % 4) % 4, '=');
        return Convert.FromBase64String(t);
    }
}

/// <summary>Multibase decoding: base58btc ('z'), base64url ('u') and base64 ('m').</summary>
internal static class Multibase
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static byte[] Decode(string value)
    {
        if (string.IsNullOrEmpty(value)) throw new InvalidDataException("An empty multibase value.");
        return value[0] switch
        {
            'z' => Base58(value[1..]),
            'u' => Base64Url.Decode(value[1..]),
            'm' => Convert.FromBase64String(value[1..]),
            _ => throw new InvalidDataException($"Unknown multibase prefix '{value[0]}'."),
        };
    }

    public static byte[] Base58(string s)
    {
        if (s.Length > 10_000) throw new InvalidDataException("A base58 value is too long.");
        BigInteger n = 0;
        foreach (var c in s)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0) throw new InvalidDataException($"'{c}' is not a base58btc character.");
            n = n * 58 + digit;
        }
        var bytes = n.IsZero ? [] : n.ToByteArray(isUnsigned: true, isBigEndian: true);
        var zeros = s.TakeWhile(c => c == '1').Count();
        return [.. new byte[zeros], .. bytes];
    }
}
