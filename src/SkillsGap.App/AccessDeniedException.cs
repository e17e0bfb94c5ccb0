namespace SkillsGap.App;

/// <summary>The caller may not see or do this (HTTP 403): a resource outside what their role and place in the tree allow.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException(string message) : base(message) { }
    public AccessDeniedException() : this("You may not use this resource.") { }
    public AccessDeniedException(string message, Exception inner) : base(message, inner) { }
}
