using Tollgate.Data.Audit;
using Tollgate.Domain.Centrex;

namespace Tollgate.Data.CentrexFeatures;

/// <summary>An account's voicemail settings; an account without a row has voicemail off, with the defaults below.</summary>
public sealed class Voicemail
{
    public long AccountId { get; set; }

    /// <summary>The account's customer and reseller, copied so tenant filters need no join and changes are filed under the customer.</summary>
    public long CustomerId { get; set; }

    public long? ResellerId { get; set; }
    public bool Enabled { get; set; }

    /// <summary>A slow hash of the PIN (as for passwords): the PIN is never stored nor shown, only checked and replaced.</summary>
    [AuditSecret]
    public string? PinHash { get; set; }

    public DateTime? PinChangedAt { get; set; }
    public VoicemailGreeting GreetingType { get; set; }

    /// <summary>Where a notice of each new message goes; null: no e-mail.</summary>
    public string? Email { get; set; }

    /// <summary>Whether the e-mail carries the message's audio.</summary>
    public bool AttachAudio { get; set; }

    public VoicemailWhenFull WhenFull { get; set; }
    public DateTime UpdatedAt { get; set; }
}
