namespace Tollgate.Domain.Cpe;

/// <summary>Who manages a device or a CPE profile: the administrator (perhaps sharing it with every reseller) or one reseller.</summary>
/// <remarks>
/// <para>Three shapes are meaningful, and only these:</para>
/// <list type="bullet">
/// <item>administrator only (<c>ResellerId</c> null, not shared): resellers neither see nor use it;</item>
/// <item>administrator, shared with resellers: every reseller may see it and use it for its own customers;</item>
/// <item>one reseller (<c>ResellerId</c> set, not shared): that reseller, and the administrator, manage it.</item>
/// </list>
/// <para>"Shared" describes what the administrator lends out, so a reseller's own device cannot be shared
/// (<see cref="Problem"/> says so).</para>
/// </remarks>
public readonly record struct CpeManagement(long? ResellerId, bool SharedWithResellers)
{
    public static CpeManagement AdministratorOnly { get; } = new(null, false);

    /// <summary>Why this combination is not allowed, or null when it is.</summary>
    public string? Problem =>
        ResellerId is not null && SharedWithResellers
            ? "a device or profile managed by a reseller cannot be shared with resellers; sharing is for the administrator's own"
            : null;

    /// <summary>Whether the acting party (null = the administrator, else a reseller's id) may allocate, release or use it.</summary>
    public bool MayBeManagedBy(long? actingReseller) =>
        actingReseller is null || ResellerId == actingReseller || (ResellerId is null && SharedWithResellers);

    /// <summary>Whether the acting party may change or delete it: its own manager or the administrator, not a reseller it is shared with.</summary>
    public bool MayBeEditedBy(long? actingReseller) => actingReseller is null || ResellerId == actingReseller;

    /// <summary>Whether a device managed this way may use a profile managed as <paramref name="profile"/>.</summary>
    /// <remarks>A profile fits a device with the same manager; a profile the administrator shares fits every device.</remarks>
    public bool MayUseProfile(CpeManagement profile) =>
        profile.ResellerId == ResellerId || (profile.ResellerId is null && profile.SharedWithResellers);
}
