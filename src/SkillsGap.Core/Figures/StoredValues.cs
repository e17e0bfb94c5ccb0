using System.Globalization;
using SkillsGap.Core.Domain;

namespace SkillsGap.Core.Figures;

/// <summary>
/// Brings stored rows into <see cref="ValueBounds"/> before any figure is computed from them (defence in depth: the
/// readers refuse such values, but rows written before those checks, or by another tool, may hold them). Each clamped
/// value is counted in a <see cref="ClampReport"/>; a list with nothing to clamp is returned as it is, without a copy.
/// </summary>
internal static class StoredValues
{
    public static IReadOnlyList<RoleVersion> Roles(IReadOnlyList<RoleVersion> roles, ClampReport report)
    {
        List<RoleVersion>? copy = null;
        for (var i = 0; i < roles.Count; i++)
        {
            var role = roles[i];
            if (role.Requirements.All(q => q.Weight is >= RoleRequirement.MinWeight and <= RoleRequirement.MaxWeight)) continue;
            foreach (var q in role.Requirements.Where(q => q.Weight is < RoleRequirement.MinWeight or > RoleRequirement.MaxWeight))
                report.Add("role_requirements.weight", $"{role.Code}/{q.Skill}", Text(q.Weight));
            copy ??= [.. roles];
            copy[i] = role with { Requirements = [.. role.Requirements.Select(q => q with { Weight = ValueBounds.ClampWeight(q.Weight) })] };
        }
        return copy ?? roles;
    }

    public static IReadOnlyList<Badge> Badges(IReadOnlyList<Badge> badges, ClampReport report)
    {
        List<Badge>? copy = null;
        for (var i = 0; i < badges.Count; i++)
        {
            var badge = badges[i];
            var hours = badge.Hours;
            var months = badge.ValidMonths;
            if (hours is < 0 or > ValueBounds.MaxHours)
            {
                report.Add("badges.hours", badge.Id.Value, hours.ToString(CultureInfo.InvariantCulture));
                hours = ValueBounds.ClampHours(hours);
            }
            if (months is < 1 or > ValueBounds.MaxValidMonths)
            {
                report.Add("badges.valid_months", badge.Id.Value, Text(months.Value));
                months = ValueBounds.ClampValidMonths(months.Value);
            }
            if (hours == badge.Hours && months == badge.ValidMonths) continue;
            copy ??= [.. badges];
            copy[i] = badge with { Hours = hours, ValidMonths = months };
        }
        return copy ?? badges;
    }

    public static IReadOnlyList<Award> Awards(IReadOnlyList<Award> awards, ClampReport report)
    {
        // Millions of awards: the scan runs on all cores and only remembers the (rare) rows out of bounds.
        var outside = new List<int>();
        GapEngine.ForRanges(awards.Count, 65_536, range =>
        {
            List<int>? found = null;
            for (var i = range.Item1; i < range.Item2; i++)
                if (!InBounds(awards[i])) (found ??= []).Add(i);
            if (found is null) return;
            lock (outside) outside.AddRange(found);
        });
        if (outside.Count == 0) return awards;
        outside.Sort();
        var copy = new List<Award>(awards);
        foreach (var i in outside) copy[i] = Clamp(awards[i], report);
        return copy;
    }

    private static bool InBounds(Award award) =>
        ValueBounds.IsInRange(award.IssuedOn)
        && (award.ExpiresOn is not DateOnly x || ValueBounds.IsInRange(x))
        && award.AchievedLevel is null or (>= ProficiencyLevel.Min and <= ProficiencyLevel.Max)
        && IsKnown(award.State);

    private static Award Clamp(Award award, ClampReport report)
    {
        var row = $"{award.Employee}/{award.Badge}/{Iso(award.IssuedOn)}";
        var issued = award.IssuedOn;
        var expires = award.ExpiresOn;
        var achieved = award.AchievedLevel;
        var state = award.State;
        if (!ValueBounds.IsInRange(issued))
        {
            report.Add("awards.issued_on", row, Iso(issued));
            issued = ValueBounds.Clamp(issued);
        }
        if (expires is DateOnly x && !ValueBounds.IsInRange(x))
        {
            report.Add("awards.expires_on", row, Iso(x));
            expires = ValueBounds.Clamp(x);
        }
        if (achieved is int level && level is < ProficiencyLevel.Min or > ProficiencyLevel.Max)
        {
            report.Add("awards.achieved_level", row, Text(level));
            achieved = ValueBounds.ClampLevel(level);
        }
        if (!IsKnown(state))
        {
            // An unknown state is not vouched for: it counts as an Open Badge that could not be checked.
            report.Add("awards.state", row, Text((int)state));
            state = VerificationState.Unverified;
        }
        return award with { IssuedOn = issued, ExpiresOn = expires, AchievedLevel = achieved, State = state };
    }

    // The states are numbered 0–3 (Recorded … Revoked); a plain comparison keeps the scan over millions of awards cheap.
    private static bool IsKnown(VerificationState state) => (uint)state <= (uint)VerificationState.Revoked;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
