using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.Analytics.Wallet;
using SkillsGap.App.Wallet;

namespace SkillsGap.Host.Endpoints;

/// <summary><c>GET /api/employees/{id}/wallet</c>: the same document as <c>skillsgap wallet --format json</c> (the holder, their managers, hr).</summary>
public static class WalletEndpoints
{
    public static IEndpointRouteBuilder MapWalletEndpoints(this IEndpointRouteBuilder routes)
    {
        // 400: a bad asOf; 404: an unknown employee.
        routes.MapApiGroup("/api/employees/{id}", "Employees").ForEmployee()
            .MapGet("/wallet", WalletAsync).WithName("EmployeeWallet")
            .WithSummary("An employee's awards newest first (state, counts today, skills, points, credential) and stack progress, as of asOf.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<CredentialWallet>> WalletAsync(string id, string? asOf, WalletQuery wallet, CancellationToken ct) =>
        TypedResults.Ok(await wallet.RunAsync(ApiInput.Employee(id), ApiInput.Date(asOf, "asOf"), ct));
}
