using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.CentrexFeatures;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>A customer's conference rooms: <c>GET|POST /api/v1/centrex/conference-rooms?customerId=</c>, <c>GET|PUT|DELETE …/{id}</c>.</summary>
/// <remarks>
/// <para>
/// Open to staff and to the customer (section <c>conferencing</c>). A customer lists and creates its own rooms without
/// <c>customerId</c>; staff name the customer when creating. A room's number is dialled inside the PBX, so it is
/// unique among the customer's rooms and may not be one of its extension numbers.
/// </para>
/// <para>
/// The PINs are answered to those who may read the section: they are codes the organiser hands to participants. They
/// are masked in the audit trail. A PUT changes only the members it sends; the rules across members (different PINs,
/// the end after the start) are checked on the result.
/// </para>
/// </remarks>
public static class ConferenceRoomsApi
{
    public const int DefaultMaxParticipants = 10;

    public sealed record RoomBody : IValidatable
    {
        public Optional<string> Number { get; init; }
        public Optional<string?> Name { get; init; }
        public Optional<string?> ParticipantPin { get; init; }
        public Optional<string?> ModeratorPin { get; init; }
        public Optional<int> MaxParticipants { get; init; }
        public Optional<DateTimeOffset?> StartsAt { get; init; }
        public Optional<DateTimeOffset?> EndsAt { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Number.HasValue && Number.Value is null) errors.Add("number", "must not be null");
            else if (Number.HasValue && PbxNumbers.CheckExtension(Number.Value) is { } badNumber) errors.Add("number", badNumber);
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value, 100);
            if (ParticipantPin.Value is { } participant && FeaturePins.CheckConference(participant) is { } p) errors.Add("participantPin", p);
            if (ModeratorPin.Value is { } moderator && FeaturePins.CheckConference(moderator) is { } m) errors.Add("moderatorPin", m);
            if (MaxParticipants.HasValue && MaxParticipants.Value < 2) errors.Add("maxParticipants", "must be 2 or more");
        }
    }

    /// <param name="TimeZone">The customer's time zone, in which a portal shows the start and end.</param>
    public sealed record RoomResponse(
        long Id, long CustomerId, string Number, string? Name, string? ParticipantPin, string? ModeratorPin, int MaxParticipants,
        DateTime? StartsAt, DateTime? EndsAt, string TimeZone, DateTime CreatedAt, DateTime UpdatedAt);

    private static readonly Expression<Func<ConferenceRoom, Customer, RoomResponse>> Projection = (r, c) => new RoomResponse(
        r.Id, r.CustomerId, r.Number, r.Name, r.ParticipantPin, r.ModeratorPin, r.MaxParticipants, r.StartsAt, r.EndsAt, c.TimeZone,
        r.CreatedAt, r.UpdatedAt);

    public static RouteGroupBuilder MapConferenceRoomsApi(this RouteGroupBuilder centrex)
    {
        var rooms = centrex.MapGroup("/conference-rooms").WithTags("IP Centrex features");
        rooms.MapGet("/", List).Allow(Realms.Staff | Realms.Customer, Section.Conferencing, Operation.Read)
            .WithSummary("Conference rooms you can see; filter by customerId and number (% and _ wildcards)");
        rooms.MapPost("/", Create).Allow(Realms.Staff | Realms.Customer, Section.Conferencing, Operation.Modify)
            .WithSummary("Add a conference room: number (unique per customer), name, participant and moderator PINs, participant limit, start and end");
        rooms.MapGet("/{id:long}", Get).Allow(Realms.Staff | Realms.Customer, Section.Conferencing, Operation.Read).WithSummary("Read a conference room");
        rooms.MapPut("/{id:long}", Update).Allow(Realms.Staff | Realms.Customer, Section.Conferencing, Operation.Modify)
            .WithSummary("Change a conference room: send only what changes");
        rooms.MapDelete("/{id:long}", Delete).Allow(Realms.Staff | Realms.Customer, Section.Conferencing, Operation.Modify)
            .WithSummary("Delete a conference room");
        return rooms;
    }

    private static async Task<Ok<Page<RoomResponse>>> List(TollgateDb db, Paging paging, long? customerId, string? number, CancellationToken ct)
    {
        var rooms = db.ConferenceRooms.AsNoTracking();
        if (customerId is not null) rooms = rooms.Where(r => r.CustomerId == customerId);
        if (number is not null) rooms = rooms.Where(r => EF.Functions.Like(r.Number, Patterns.ToLike(number)));
        var query = rooms.OrderBy(r => r.CustomerId).ThenBy(r => r.Number.Length).ThenBy(r => r.Number)
            .Join(db.Customers, r => r.CustomerId, c => c.Id, Projection);
        return TypedResults.Ok(await paging.ReadAsync(query, x => x, ct));
    }

    private static async Task<Results<Ok<RoomResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct) =>
        await ReadAsync(db, id, ct) is { } room ? TypedResults.Ok(room) : Problem.NotFound("conference room", id).ToResult();

    private static async Task<Results<Created<RoomResponse>, ProblemHttpResult>> Create(
        long? customerId, Body<RoomBody> body, TollgateDb db, CallerAccessor callers, IOptions<CentrexFeatureOptions> options, TimeProvider clock,
        CancellationToken ct)
    {
        var caller = callers.Required;
        var input = body.Value;
        var errors = new ValidationErrors();
        if (!input.Number.HasValue) errors.Add("number", "is required");
        var owner = customerId ?? (caller.Realm == Realm.Customer ? caller.CustomerId : null);
        if (owner is null) errors.Add("customerId", "is required: name the customer the room is for (?customerId=)");
        if (errors.Any) return errors.ToProblem().ToResult();

        await using var tx = await db.BeginWriteAsync(ct);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == owner, ct);
        if (customer is null) return Problem.ReferenceNotFound("customerId", "customer", owner!).ToResult();
        if (customer.Status == PartyStatus.Closed) return Problem.Conflict($"Customer {customer.Id} is closed; it cannot get conference rooms.").ToResult();
        await db.LockForUpdateAsync<Customer>(customer.Id, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var room = new ConferenceRoom
        {
            CustomerId = customer.Id, ResellerId = customer.ResellerId, Number = "", MaxParticipants = DefaultMaxParticipants, CreatedAt = now,
        };
        Apply(room, input, now);
        if (Check(room, input, options.Value, now) is { } invalid) return invalid.ToResult();
        if (await NumberTakenAsync(db, room, ct) is { } taken) return taken.ToResult();
        db.ConferenceRooms.Add(room);
        if (await CredentialStore.SaveAsync(db, "number", DuplicateNumber(room), ct) is { } duplicate) return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/centrex/conference-rooms/{room.Id}", (await ReadAsync(db, room.Id, ct))!);
    }

    private static async Task<Results<Ok<RoomResponse>, ProblemHttpResult>> Update(
        long id, Body<RoomBody> body, TollgateDb db, IOptions<CentrexFeatureOptions> options, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var room = await db.ConferenceRooms.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (room is null) return Problem.NotFound("conference room", id).ToResult();
        await db.LockForUpdateAsync<Customer>(room.CustomerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Apply(room, body.Value, now);
        if (Check(room, body.Value, options.Value, now) is { } invalid) return invalid.ToResult();
        if (body.Value.Number.HasValue && await NumberTakenAsync(db, room, ct) is { } taken) return taken.ToResult();
        if (await CredentialStore.SaveAsync(db, "number", DuplicateNumber(room), ct) is { } duplicate) return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ReadAsync(db, id, ct))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, TollgateDb db, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var room = await db.ConferenceRooms.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (room is null) return Problem.NotFound("conference room", id).ToResult();
        db.ConferenceRooms.Remove(room);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<RoomResponse?> ReadAsync(TollgateDb db, long id, CancellationToken ct) =>
        db.ConferenceRooms.AsNoTracking().Where(r => r.Id == id).Join(db.Customers, r => r.CustomerId, c => c.Id, Projection).FirstOrDefaultAsync(ct);

    private static void Apply(ConferenceRoom room, RoomBody input, DateTime now)
    {
        room.Number = input.Number.Or(room.Number);
        if (input.Name.HasValue) room.Name = input.Name.Value?.Trim();
        room.ParticipantPin = input.ParticipantPin.Or(room.ParticipantPin);
        room.ModeratorPin = input.ModeratorPin.Or(room.ModeratorPin);
        room.MaxParticipants = input.MaxParticipants.Or(room.MaxParticipants);
        if (input.StartsAt.HasValue) room.StartsAt = input.StartsAt.Value?.UtcDateTime;
        if (input.EndsAt.HasValue) room.EndsAt = input.EndsAt.Value?.UtcDateTime;
        room.UpdatedAt = now;
    }

    /// <summary>The rules across members, on the room as it would be saved; each problem names the member the request sent, or else the other.</summary>
    private static Problem? Check(ConferenceRoom room, RoomBody input, CentrexFeatureOptions options, DateTime now)
    {
        var errors = new ValidationErrors();
        if (room.MaxParticipants > options.MaxConferenceParticipants)
            errors.Add("maxParticipants", $"must be at most {options.MaxConferenceParticipants}, the most this installation allows");
        if (room.ParticipantPin is not null && room.ParticipantPin == room.ModeratorPin)
            errors.Add(input.ModeratorPin.HasValue ? "moderatorPin" : "participantPin", "must differ from the other PIN, or the moderator cannot be told apart");
        if (room.StartsAt is { } start && room.EndsAt is { } end && end <= start)
            errors.Add(input.EndsAt.HasValue ? "endsAt" : "startsAt", "the end must be after the start");
        // Only a new end is held to the clock: a room whose end passed may still be renamed.
        if (input.EndsAt.Value is not null && room.EndsAt <= now) errors.Add("endsAt", "must be in the future");
        return errors.Any ? errors.ToProblem() : null;
    }

    /// <summary>A room's number may not be an extension number of its customer: dialling it must reach one thing.</summary>
    private static async Task<Problem?> NumberTakenAsync(TollgateDb db, ConferenceRoom room, CancellationToken ct)
    {
        if (await db.Extensions.AnyAsync(e => e.CustomerId == room.CustomerId && e.Number == room.Number, ct))
            return Problem.Duplicate("number", $"{room.Number} is an extension number of customer {room.CustomerId}; a conference room needs a number of its own.");
        return null;
    }

    private static string DuplicateNumber(ConferenceRoom room) => $"Customer {room.CustomerId} already has conference room {room.Number}.";
}
