using Tollgate.Data.Audit;

namespace Tollgate.Data.CentrexFeatures;

/// <summary>One menu of an auto attendant (an account <c>ph{customerId}aa{n}</c>): what callers hear and what each key does.</summary>
/// <remarks>
/// The schedule and the actions are kept as JSON text (<c>Domain.Centrex.MenuSchedule</c>, <c>MenuAction</c>): they are
/// read and written whole, and the audit trail then shows them as they were and became.
/// </remarks>
public sealed class AutoAttendantMenu
{
    public long Id { get; set; }

    /// <summary>The auto attendant's account.</summary>
    public long AccountId { get; set; }

    public long CustomerId { get; set; }
    public long? ResellerId { get; set; }
    public required string Name { get; set; }

    /// <summary>The name in lower case: names are unique per auto attendant, whatever their case.</summary>
    [AuditIgnore]
    public required string NameKey { get; set; }

    /// <summary>JSON of the schedule; null: the menu is reached only from other menus.</summary>
    public string? Schedule { get; set; }

    /// <summary>JSON object from key ("0"–"9", "*", "#") to action.</summary>
    public required string Keys { get; set; }

    public int TimeoutSeconds { get; set; }
    public required string TimeoutAction { get; set; }
    public required string InvalidInputAction { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The recorded greeting of a menu, kept in the database so every switch and API process can serve it.</summary>
public sealed class AutoAttendantGreeting
{
    public long MenuId { get; set; }
    public long AccountId { get; set; }
    public long CustomerId { get; set; }
    public long? ResellerId { get; set; }
    public required string ContentType { get; set; }

    /// <summary>For WAV: pcm16, alaw or ulaw.</summary>
    public string? Encoding { get; set; }

    public int? SampleRate { get; set; }
    public double? DurationSeconds { get; set; }
    public int SizeBytes { get; set; }

    /// <summary>Hex SHA-256 of the audio: its ETag, and in the audit trail what identifies the recording.</summary>
    public required string Sha256 { get; set; }

    [AuditIgnore]
    public required byte[] Audio { get; set; }

    public DateTime UploadedAt { get; set; }
}
