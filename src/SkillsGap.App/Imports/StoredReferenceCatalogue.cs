using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Imports;

/// <summary>
/// The keys already stored, overlaid with those that earlier files of the same import batch define, so that a
/// batch of files is checked as a whole before anything is written.
/// </summary>
internal sealed class StoredReferenceCatalogue : IReferenceCatalogue
{
    private readonly HashSet<SkillCode> _skills;
    private readonly HashSet<RoleCode> _roles;
    private readonly HashSet<BadgeId> _badges;
    private readonly HashSet<EmployeeId> _employees;
    private readonly Dictionary<string, EmployeeId> _emails;
    private readonly Dictionary<EmployeeId, EmployeeId?> _managers;
    private readonly Dictionary<EmployeeId, DateOnly> _leftOn;

    public StoredReferenceCatalogue(StoredKeys keys)
    {
        _skills = [.. keys.Skills];
        _roles = [.. keys.Roles];
        _badges = [.. keys.Badges];
        _employees = [.. keys.Employees];
        _emails = new Dictionary<string, EmployeeId>(keys.EmployeesByEmail, StringComparer.OrdinalIgnoreCase);
        _managers = new Dictionary<EmployeeId, EmployeeId?>(keys.ManagerLinks);
        _leftOn = new Dictionary<EmployeeId, DateOnly>(keys.LeftOn);
    }

    public IReadOnlyDictionary<EmployeeId, EmployeeId?> ManagerLinks => _managers;

    public bool HasSkill(SkillCode code) => _skills.Contains(code);
    public bool HasRole(RoleCode code) => _roles.Contains(code);
    public bool HasBadge(BadgeId id) => _badges.Contains(id);
    public bool HasEmployee(EmployeeId id) => _employees.Contains(id);
    public EmployeeId? EmployeeByEmail(string email) => _emails.TryGetValue(email.Trim(), out var id) ? id : null;
    public DateOnly? LeftOn(EmployeeId id) => _leftOn.TryGetValue(id, out var left) ? left : null;

    public void Add(IEnumerable<ImportedSkill> skills) => _skills.UnionWith(skills.Select(s => s.Skill.Code));
    public void Add(IEnumerable<ImportedRole> roles) => _roles.UnionWith(roles.Select(r => r.Code));
    public void Add(IEnumerable<ImportedBadge> badges) => _badges.UnionWith(badges.Select(b => b.Badge.Id));

    public void Add(IEnumerable<ImportedEmployee> employees)
    {
        foreach (var e in employees.Select(i => i.Employee))
        {
            _employees.Add(e.Id);
            _managers[e.Id] = e.Manager;
            if (e.LeftOn is DateOnly left) _leftOn[e.Id] = left;
            else _leftOn.Remove(e.Id);
            if (!string.IsNullOrWhiteSpace(e.Email)) _emails[e.Email.Trim()] = e.Id;
        }
    }
}
