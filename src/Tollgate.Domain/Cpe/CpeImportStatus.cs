namespace Tollgate.Domain.Cpe;

/// <summary>Where a batch upload of devices is: waiting for a worker, being read, done, or stopped.</summary>
public enum CpeImportStatus
{
    /// <summary>Stored and waiting for a worker.</summary>
    Queued,

    /// <summary>A worker is reading it; the counts grow as rows are applied.</summary>
    Running,

    /// <summary>Every row was read; each was applied or reported in the errors.</summary>
    Completed,

    /// <summary>The file could not be read to the end; rows applied before that stay applied.</summary>
    Failed,
}

/// <summary>The kinds of file a batch upload of devices may be.</summary>
public enum CpeImportFormat
{
    Csv,
    Xls,
    Xlsx,
}
