using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkillsGap.Analytics.Gamification;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics.Wallet;

/// <summary>A skill an award attests, at the level it attests it (the badge's, capped by the credential's achieved level).</summary>
public sealed record WalletSkill(
    [property: JsonPropertyName("skill")] string Skill,
    [property: JsonPropertyName("level")] int Level,
    [property: JsonPropertyName("skillName")] string SkillName,
    [property: JsonPropertyName("levelName")] string LevelName);

/// <summary>
/// One award in the wallet (the <c>awards</c> of DESIGN §10's <c>wallet</c> document, then additions): <c>valid</c> says
/// whether it counts on the date (issued by then, not expired, not revoked, and unverified only where those count);
/// <c>renewWith</c> names the badge to earn again for an expired award that no later award replaces; <c>status</c> says
/// it in plain words.
/// </summary>
public sealed record WalletAward(
    [property: JsonPropertyName("badge")] string Badge,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("issuedOn")] DateOnly IssuedOn,
    [property: JsonPropertyName("expiresOn")] DateOnly? ExpiresOn,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("skills")] IReadOnlyList<WalletSkill> Skills,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("credential")] string? Credential,
    [property: JsonPropertyName("evidence")] string? Evidence,
    [property: JsonPropertyName("expired")] bool Expired,
    [property: JsonPropertyName("renewWith")] string? RenewWith,
    [property: JsonPropertyName("status")] string Status);

/// <summary>A badge still missing from a stack, with its hours.</summary>
public sealed record MissingBadge(
    [property: JsonPropertyName("badge")] string Badge,
    [property: JsonPropertyName("hours")] decimal Hours,
    [property: JsonPropertyName("name")] string Name);

/// <summary>
/// Progress toward a stack (a credential made of other badges): the children held (earned and not revoked, expired or
/// not, as prerequisites count), the missing ones with their hours, <c>progress</c> = held / children, and the stack's own
/// remaining hours once they are held (<c>capstoneHours</c>). <c>summary</c>: "1 of 3 toward Advanced Excel Professional".
/// </summary>
public sealed record StackProgress(
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("earned")] bool Earned,
    [property: JsonPropertyName("held")] IReadOnlyList<string> Held,
    [property: JsonPropertyName("missing")] IReadOnlyList<MissingBadge> Missing,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("capstoneHours")] decimal CapstoneHours,
    [property: JsonPropertyName("hoursToGo")] decimal HoursToGo,
    [property: JsonPropertyName("summary")] string Summary);

/// <summary>
/// An employee's credential wallet as of a date (DESIGN §7b and the <c>wallet --format json</c> document of §10): every
/// award, valid or not, newest first; the skill points earned by then; and the stacks they have started or earned.
/// </summary>
public sealed record CredentialWallet(
    [property: JsonPropertyName("employee")] string Employee,
    [property: JsonPropertyName("asOf")] DateOnly AsOf,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("awards")] IReadOnlyList<WalletAward> Awards,
    [property: JsonPropertyName("stacks")] IReadOnlyList<StackProgress> Stacks)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as compact JSON, property order as in the contract.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The wallet of employee <paramref name="employee"/> (snapshot index) as of the figures' date. Awards issued after it
    /// are left out. <paramref name="points"/> gives each award's skill points (computed without history when null);
    /// <paramref name="credentialOf"/> the id of the credential issued for an award (by snapshot award index), else the
    /// award's own credential id (an Open Badge that was imported).
    /// </summary>
    public static CredentialWallet Build(OrganisationFigures figures, int employee, PointsLedger? points = null, Func<int, string?>? credentialOf = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentOutOfRangeException.ThrowIfNegative(employee);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(employee, figures.EmployeeCount);
        points ??= SkillPoints.Compute(figures);
        var snapshot = figures.Snapshot;
        var awards = figures.Awards;
        var today = figures.AsOf.DayNumber;
        var list = new List<(int Compiled, WalletAward Award)>();
        var earned = new HashSet<int>();
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
        {
            if (awards.Issued[a] > today) continue;
            var b = awards.Badge[a];
            var badge = snapshot.Badges[b];
            var source = awards.SourceIndex[a];
            var award = snapshot.Awards[source];
            var valid = awards.IsValidOn(a, today) && awards.Counts(a, figures.Options);
            var expired = awards.Expires[a] <= today;
            if (award.State != VerificationState.Revoked) earned.Add(b);
            var cap = awards.Achieved[a] >= 0 ? awards.Achieved[a] : int.MaxValue;
            var skills = badge.Skills.Select(s =>
            {
                var level = Math.Min(s.Level.Value, cap);
                return new WalletSkill(s.Skill.Value, level, Name(snapshot, s.Skill), ProficiencyNames.Describe(level));
            }).ToList();
            var expiresOn = awards.Expires[a] == int.MaxValue ? (DateOnly?)null : DateOnly.FromDayNumber(awards.Expires[a]);
            // An expired award is to be renewed unless another award of the badge counts today.
            var renewed = expired && HeldValid(figures, employee, b);
            var status = award.State switch
            {
                VerificationState.Revoked => "revoked by its issuer: it no longer counts",
                VerificationState.Unverified when !figures.Options.CountUnverified => "not verified: it does not count until it is",
                _ when expired && renewed => string.Create(CultureInfo.InvariantCulture, $"expired on {expiresOn:yyyy-MM-dd}; renewed since"),
                _ when expired => string.Create(CultureInfo.InvariantCulture, $"expired on {expiresOn:yyyy-MM-dd}: earn it again to renew it"),
                _ when expiresOn is DateOnly until => string.Create(CultureInfo.InvariantCulture, $"valid until {until:yyyy-MM-dd}"),
                _ => "valid, does not expire",
            };
            list.Add((a, new WalletAward(badge.Id.Value, badge.Name, badge.Issuer, award.IssuedOn, expiresOn, StateWord(award.State), valid,
                skills, points.OfAward(source)?.Points ?? 0, credentialOf?.Invoke(source) ?? award.CredentialId, award.EvidenceUrl, expired,
                expired && !renewed && award.State != VerificationState.Revoked ? badge.Id.Value : null, status)));
        }
        // Newest first; one day's awards by badge id.
        list.Sort((x, y) => x.Award.IssuedOn != y.Award.IssuedOn ? y.Award.IssuedOn.CompareTo(x.Award.IssuedOn) : string.CompareOrdinal(x.Award.Badge, y.Award.Badge));
        return new CredentialWallet(snapshot.Employees[employee].Id.Value, figures.AsOf, points.Total(employee, to: figures.AsOf),
            [.. list.Select(x => x.Award)], StacksOf(figures, earned));
    }

    /// <summary>The stacks with a child or the stack itself earned (not revoked), in catalogue order.</summary>
    private static List<StackProgress> StacksOf(OrganisationFigures figures, HashSet<int> earned)
    {
        var snapshot = figures.Snapshot;
        var result = new List<StackProgress>();
        foreach (var stack in snapshot.Badges)
        {
            if (!snapshot.StackChildren.Contains(stack.Id)) continue;
            var children = snapshot.StackChildren[stack.Id].Select(id => snapshot.FindBadge(id)!).ToList();
            var held = children.Where(c => earned.Contains(snapshot.BadgeIndex(c.Id))).ToList();
            var own = earned.Contains(snapshot.BadgeIndex(stack.Id));
            if (held.Count == 0 && !own) continue;
            var missing = children.Where(c => !held.Contains(c)).Select(c => new MissingBadge(c.Id.Value, PeopleWords.Hours(c.Hours), c.Name)).ToList();
            var progress = children.Count == 0 ? 1 : Math.Round((double)held.Count / children.Count, 4, MidpointRounding.AwayFromZero);
            var hoursToGo = own ? 0 : missing.Sum(m => m.Hours) + stack.Hours;
            var summary = own
                ? $"{stack.Name} earned"
                : string.Create(CultureInfo.InvariantCulture, $"{held.Count} of {children.Count} toward {stack.Name}");
            result.Add(new StackProgress(stack.Id.Value, stack.Name, own, [.. held.Select(c => c.Id.Value)], missing, progress,
                PeopleWords.Hours(stack.Hours), PeopleWords.Hours(hoursToGo), summary));
        }
        return result;
    }

    private static bool HeldValid(OrganisationFigures figures, int employee, int badge)
    {
        var awards = figures.Awards;
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
            if (awards.Badge[a] == badge && awards.IsValidOn(a, figures.AsOf.DayNumber) && awards.Counts(a, figures.Options)) return true;
        return false;
    }

    private static string StateWord(VerificationState state) => state switch
    {
        VerificationState.Recorded => "recorded",
        VerificationState.Verified => "verified",
        VerificationState.Unverified => "unverified",
        VerificationState.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static string Name(OrganisationSnapshot snapshot, SkillCode code) =>
        snapshot.SkillIndex(code) is var i and >= 0 ? snapshot.Skills[i].Name : code.Value;
}
