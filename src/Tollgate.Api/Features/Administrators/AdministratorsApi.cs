using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Administrators;

/// <summary>The provider's staff accounts; only administrators see or change them.</summary>
public static class AdministratorsApi
{
    public sealed record CreateAdministrator : IValidatable
    {
        public required string Login { get; init; }
        public required string Password { get; init; }
        public string? Name { get; init; }
        public string? Email { get; init; }

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Login(errors, "login", Login);
            FieldRules.Password(errors, "password", Password, Login);
            FieldRules.Name(errors, "name", Name);
            FieldRules.Email(errors, "email", Email);
        }
    }

    public sealed record UpdateAdministrator : IValidatable
    {
        public Optional<string> Login { get; init; }
        public Optional<string> Password { get; init; }
        public Optional<string?> Name { get; init; }
        public Optional<string?> Email { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Login.HasValue) FieldRules.Login(errors, "login", Login.Value ?? "");
            if (Password.HasValue) FieldRules.Password(errors, "password", Password.Value ?? "", Login.HasValue ? Login.Value : null);
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value);
            if (Email.HasValue) FieldRules.Email(errors, "email", Email.Value);
        }
    }

    public sealed record AdministratorResponse(long Id, string Login, string? Name, string? Email, DateTime CreatedAt);

    private static readonly Expression<Func<Administrator, AdministratorResponse>> Projection =
        a => new AdministratorResponse(a.Id, a.Credential.Login, a.Name, a.Email, a.CreatedAt);

    private static readonly Func<Administrator, AdministratorResponse> Map = Projection.Compile();

    public static RouteGroupBuilder MapAdministratorsApi(this RouteGroupBuilder api)
    {
        var admins = api.MapGroup("/administrators").WithTags("Administrators");
        admins.MapGet("/", List).Allow(Realms.Admin, Operation.Read).WithSummary("List administrators");
        admins.MapGet("/{id:long}", Get).Allow(Realms.Admin, Operation.Read).WithSummary("Read an administrator");
        admins.MapPost("/", Create).Allow(Realms.Admin, Operation.Modify).WithSummary("Create an administrator");
        admins.MapPatch("/{id:long}", Update).Allow(Realms.Admin, Operation.Modify).WithSummary("Change an administrator");
        admins.MapDelete("/{id:long}", Delete).Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Delete an administrator (not yourself, not the last one)");
        return admins;
    }

    private static async Task<Ok<Page<AdministratorResponse>>> List(TollgateDb db, Paging paging, CancellationToken ct) =>
        TypedResults.Ok(await paging.ReadAsync(db.Administrators.AsNoTracking().OrderBy(a => a.Id).Select(Projection), x => x, ct));

    private static async Task<Results<Ok<AdministratorResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var admin = await db.Administrators.AsNoTracking().Where(a => a.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return admin is null ? Problem.NotFound("administrator", id).ToResult() : TypedResults.Ok(admin);
    }

    private static async Task<Results<Created<AdministratorResponse>, ProblemHttpResult>> Create(
        Body<CreateAdministrator> body, TollgateDb db, CredentialStore credentials, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        if (await credentials.CheckFreeAsync(db, Realm.Admin, input.Login, "login", null, ct) is { } taken) return taken.ToResult();
        var admin = new Administrator
        {
            Credential = credentials.New(Realm.Admin, CredentialOwner.Administrator, input.Login, input.Password),
            Name = input.Name?.Trim(),
            Email = input.Email?.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Administrators.Add(admin);
        if (await CredentialStore.SaveAsync(db, "login", $"The login '{input.Login}' is already used.", ct) is { } duplicate)
            return duplicate.ToResult();
        admin.Credential.OwnerId = admin.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/administrators/{admin.Id}", Map(admin));
    }

    private static async Task<Results<Ok<AdministratorResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateAdministrator> body, TollgateDb db, CallerAccessor callers, CredentialStore credentials, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        var admin = await db.Administrators.Include(a => a.Credential).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (admin is null) return Problem.NotFound("administrator", id).ToResult();
        if (input.Login.HasValue)
        {
            if (await credentials.CheckFreeAsync(db, Realm.Admin, input.Login.Value, "login", admin.CredentialId, ct) is { } taken)
                return taken.ToResult();
            CredentialStore.Rename(admin.Credential, input.Login.Value);
        }
        if (input.Name.HasValue) admin.Name = input.Name.Value?.Trim();
        if (input.Email.HasValue) admin.Email = input.Email.Value?.Trim();
        if (input.Password.HasValue)
        {
            if (PasswordPolicy.Check(input.Password.Value, admin.Credential.Login) is { Count: > 0 } reasons)
                return Problem.Validation(new Dictionary<string, string[]> { ["password"] = [.. reasons] }).ToResult();
            await credentials.SetPasswordAsync(db, admin.Credential, input.Password.Value, callers.Required.SessionId, ct);
        }
        if (await CredentialStore.SaveAsync(db, "login", "That login is already used.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(admin));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        long id, TollgateDb db, CallerAccessor callers, CredentialStore credentials, CancellationToken ct)
    {
        if (callers.Required.Owner == CredentialOwner.Administrator && callers.Required.OwnerId == id)
            return Problem.Conflict("You cannot delete yourself; ask another administrator.").ToResult();
        await using var tx = await db.BeginWriteAsync(ct);
        var admin = await db.Administrators.Include(a => a.Credential).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (admin is null) return Problem.NotFound("administrator", id).ToResult();
        if (await db.Administrators.CountAsync(ct) <= 1) return Problem.Conflict("The last administrator cannot be deleted.").ToResult();
        db.Administrators.Remove(admin);
        await credentials.RemoveAsync(db, admin.Credential, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
