using Tollgate.Data.Audit;

namespace Tollgate.Data.CentrexFeatures;

/// <summary>A customer's conference room: a number its people dial, who may enter, how many, and when.</summary>
public sealed class ConferenceRoom
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long? ResellerId { get; set; }

    /// <summary>What participants dial inside the PBX: 2–8 digits, unique within the customer.</summary>
    public required string Number { get; set; }

    public string? Name { get; set; }

    /// <summary>The code participants enter; null: none asked. Shown to those who manage the room (they hand it out), masked in the audit trail.</summary>
    [AuditSecret]
    public string? ParticipantPin { get; set; }

    /// <summary>The code that makes a caller the moderator; null: the room has no moderator.</summary>
    [AuditSecret]
    public string? ModeratorPin { get; set; }

    public int MaxParticipants { get; set; }

    /// <summary>From when the room can be entered (UTC); null: from its creation.</summary>
    public DateTime? StartsAt { get; set; }

    /// <summary>Until when (UTC, exclusive); null: no end.</summary>
    public DateTime? EndsAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
