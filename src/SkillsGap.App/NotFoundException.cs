namespace SkillsGap.App;

/// <summary>A named employee, manager, role or department does not exist (exit code 2, HTTP 404).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message) : base(message) { }
    public NotFoundException() : this("Not found.") { }
    public NotFoundException(string message, Exception inner) : base(message, inner) { }
}
