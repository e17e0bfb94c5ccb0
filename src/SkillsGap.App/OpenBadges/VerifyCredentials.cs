using SkillsGap.Ingestion;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.App.OpenBadges;

/// <summary>Which Open Badges files to check, with the url map standing in for the network and the date to check against.</summary>
public sealed record VerifyRequest(IReadOnlyList<string> Files, string? UrlMapFile = null, DateOnly? AsOf = null);

/// <summary>`skillsgap verify`: a verdict per file (valid / warning / invalid) with messages, entirely offline.</summary>
public sealed class VerifyCredentials(BusinessCalendar calendar)
{
    public IReadOnlyList<CredentialVerdict> Run(VerifyRequest request) =>
        [.. request.Files.Select(Verifier(request.UrlMapFile, request.AsOf, calendar).VerifyFile)];

    /// <summary>A verifier over the url map, checking dates at noon UTC of <paramref name="asOf"/> or else now.</summary>
    internal static FileVerifier Verifier(string? urlMapFile, DateOnly? asOf, BusinessCalendar calendar)
    {
        IReadOnlyDictionary<string, string>? map = null;
        if (urlMapFile is not null)
        {
            if (!File.Exists(urlMapFile)) throw new InputRejectedException($"{urlMapFile}: the url map does not exist.");
            try
            {
                map = UrlMap.Load(urlMapFile);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or FormatException)
            {
                throw new InputRejectedException($"{urlMapFile}: the url map is not a JSON object of URL → file ({e.Message}).");
            }
        }
        var now = asOf is DateOnly date ? new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : calendar.Now;
        return new FileVerifier(new OpenBadgesVerifier(new VerifierOptions(map, now)));
    }

    internal sealed class FileVerifier(OpenBadgesVerifier verifier)
    {
        public CredentialVerdict VerifyFile(string path) => Verify(InputFile.FromPath(path));

        /// <summary>The verdict on one file (a file path, or an upload under its own name).</summary>
        public CredentialVerdict Verify(InputFile file)
        {
            Stream stream;
            try
            {
                stream = file.Open();
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return new CredentialVerdict(file.Name, "?", Verdict.Invalid, [$"error: {file.Name}: no such file."], []);
            }
            using (stream) return verifier.Verify(file.Name, stream);
        }
    }
}
