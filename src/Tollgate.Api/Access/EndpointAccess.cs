using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Access;

/// <summary>What an endpoint declares about who may call it: realms, and for customers the section and operation.</summary>
/// <remarks>
/// Every endpoint under <c>/api/v1</c> carries one of these; <see cref="AccessFilter"/> refuses to run an endpoint
/// without it, and a test walks all endpoints, so a new endpoint cannot be published without saying who may use it.
/// An endpoint open to the customer realm must name its <see cref="Section"/>, because customer individuals are
/// governed by role permissions per section.
/// </remarks>
public sealed record EndpointAccess(Realms Realms, Section? Section, Operation Operation, bool Anonymous = false)
{
    /// <summary>Open to every signed-in caller whatever its role (sign-out, "who am I"): no section applies.</summary>
    public bool AnySignedIn { get; init; }

    public static EndpointAccess Public { get; } = new(Realms.None, null, Operation.Read, Anonymous: true);
}

/// <summary>Declares <see cref="EndpointAccess"/> on endpoints.</summary>
public static class EndpointAccessExtensions
{
    /// <summary>Open to these realms; customers need <paramref name="operation"/> on <paramref name="section"/>.</summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, Realms realms, Section section, Operation operation)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess(realms, section, operation));

    /// <summary>Open to these realms, which must not include customers (they need a section).</summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, Realms realms, Operation operation)
        where TBuilder : IEndpointConventionBuilder
    {
        if (realms.HasFlag(Realms.Customer))
            throw new InvalidOperationException("An endpoint open to customers must name the permission section it belongs to.");
        return builder.WithMetadata(new EndpointAccess(realms, null, operation));
    }

    /// <summary>Open to every signed-in caller, whatever its realm and role: only for the caller's own session.</summary>
    public static TBuilder AllowSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess(Realms.All, null, Operation.Read) { AnySignedIn = true });

    /// <summary>Open without sign-in (sign-in itself, token refresh).</summary>
    public static TBuilder AllowAnonymousAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(EndpointAccess.Public).AllowAnonymous();
}
