namespace Tollgate.Domain.Centrex;

/// <summary>Which greeting a mailbox plays to callers.</summary>
/// <remarks>The recordings are made by the owner over the phone, in the mailbox's menu; without the recording chosen, the standard greeting plays.</remarks>
public enum VoicemailGreeting
{
    /// <summary>The system's greeting with the mailbox's number.</summary>
    Standard,

    /// <summary>The system's greeting with the owner's recorded name.</summary>
    Name,

    /// <summary>The owner's own recorded greeting.</summary>
    Personal,

    /// <summary>The owner's recorded "I am away for a while" greeting.</summary>
    ExtendedAbsence,
}

/// <summary>What a full mailbox does with a new message.</summary>
public enum VoicemailWhenFull
{
    /// <summary>Callers hear that the mailbox is full; nothing is recorded.</summary>
    Reject,

    /// <summary>The oldest message is deleted to make room.</summary>
    DeleteOldest,
}
