// SkillsGap.Host is an empty shell for now: the REST API, sign-in, web pages and the Hangfire server are issue #6.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();
