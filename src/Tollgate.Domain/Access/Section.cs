namespace Tollgate.Domain.Access;

/// <summary>A part of the customer self-care portal that a role grants <see cref="Permission"/> on.</summary>
/// <remarks>
/// Adding a section is one line here; its JSON name is the camel-cased member name. A role that does not name a
/// section grants <see cref="Permission.Restrict"/> on it.
/// </remarks>
public enum Section
{
    Profile,
    Accounts,
    Extensions,
    Phones,
    Subscriptions,
    Invoices,
    Payments,
    Xdrs,
    CustomerIndividuals,
    AllowedRoles,
    AutoAttendants,
    Conferencing,
    Voicemail,
    CallControl,
}

/// <summary>What a role allows on a <see cref="Section"/>; ordered so that a higher value allows more.</summary>
public enum Permission
{
    /// <summary>The section is hidden.</summary>
    Restrict = 0,

    /// <summary>The section may be read (GET).</summary>
    Read = 1,

    /// <summary>The section may be read and changed.</summary>
    Modify = 2,
}

/// <summary>What an endpoint does to its section: read it or change it.</summary>
public enum Operation
{
    Read,
    Modify,
}

/// <summary>Helpers for <see cref="Permission"/>.</summary>
public static class PermissionExtensions
{
    /// <summary>Whether a granted permission allows an operation.</summary>
    public static bool Allows(this Permission granted, Operation operation) =>
        operation == Operation.Read ? granted >= Permission.Read : granted >= Permission.Modify;
}
