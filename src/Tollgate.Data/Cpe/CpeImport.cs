using Tollgate.Data.Access;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;

namespace Tollgate.Data.Cpe;

/// <summary>A batch upload of devices: the file, who sent it, and how far its processing has got.</summary>
/// <remarks>
/// <para>
/// The state lives here so that any worker process can take the import over: a worker claims it by setting
/// <see cref="LeaseUntil"/>, renews the lease with every batch, and records the last file row it has applied in
/// <see cref="RowsDone"/> in the same transaction as the rows themselves. If the worker stops, the lease runs out and
/// another worker continues after <see cref="RowsDone"/>; no row is applied twice.
/// </para>
/// </remarks>
public sealed class CpeImport
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    public CpeImportFormat Format { get; set; }
    public long SizeBytes { get; set; }
    public CpeImportStatus Status { get; set; }

    /// <summary>The realm whose rules the rows follow: an administrator's or a reseller's.</summary>
    public Realm UploaderRealm { get; set; }

    /// <summary>Who uploaded it, to be notified when it is done; null when it came from the command line.</summary>
    public CredentialOwner? UploaderOwner { get; set; }

    public long? UploaderOwnerId { get; set; }
    public string? UploaderLogin { get; set; }

    /// <summary>The reseller that uploaded it (its rows are applied in that reseller's scope); null for the administrator.</summary>
    public long? ResellerId { get; set; }

    /// <summary>Device rows read so far (blank rows are not counted).</summary>
    public int Rows { get; set; }

    public int Added { get; set; }
    public int Removed { get; set; }
    public int Failed { get; set; }

    /// <summary>The file row number (the header is row 1) up to which every row has been applied or reported.</summary>
    public int RowsDone { get; set; }

    /// <summary>How many times a worker has started on it; after a few, a crashing file is failed instead of retried forever.</summary>
    public int Attempts { get; set; }

    /// <summary>The worker holding the import, and until when; a worker that finds another owner stops.</summary>
    public Guid? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? FailureReason { get; set; }
}

/// <summary>A piece of an uploaded file, kept in the database so a worker on any machine can read it.</summary>
[Unscoped("read only through its import, which is scoped, and by the import worker")]
[Audit.NotAudited("the uploaded file's bytes; the import itself records who uploaded it")]
public sealed class CpeImportChunk
{
    public long ImportId { get; set; }
    public int Sequence { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>One reason a row of an uploaded file was not applied.</summary>
[Unscoped("read only through its import, which is scoped")]
[Audit.NotAudited("bookkeeping of the import worker, derived from the file")]
public sealed class CpeImportError
{
    public long Id { get; set; }
    public long ImportId { get; set; }

    /// <summary>The file row number as a spreadsheet shows it: the header is row 1.</summary>
    public int Row { get; set; }

    /// <summary>The column header the reason concerns; empty when it concerns the whole row.</summary>
    public required string Column { get; set; }

    public required string Reason { get; set; }
}
