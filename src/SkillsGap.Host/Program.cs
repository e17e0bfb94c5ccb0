// SkillsGap.Host is an empty shell for now: the REST API, sign-in, web pages and the Hangfire server are issue #6.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSkillsGapPages();
var app = builder.Build();
app.MapSkillsGapPages();
app.Run();
