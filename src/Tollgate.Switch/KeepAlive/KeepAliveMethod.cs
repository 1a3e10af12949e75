namespace Tollgate.Switch.KeepAlive;

/// <summary>How a call leg is checked: not yet, with UPDATE (no SDP), or with a re-INVITE (the unchanged SDP).</summary>
public enum KeepAliveMethod
{
    None,
    Update,
    ReInvite,
}

/// <summary>The names of <see cref="KeepAliveMethod"/> in CDRs.</summary>
public static class KeepAliveMethodNames
{
    public static string ToRecordName(this KeepAliveMethod method) => method switch
    {
        KeepAliveMethod.Update => "update",
        KeepAliveMethod.ReInvite => "reinvite",
        _ => "none",
    };
}
