using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tollgate.Data;

/// <summary>Stores instants as UTC and reads them back marked as UTC, whatever the provider returns.</summary>
/// <remarks>SQLite keeps no kind; PostgreSQL's <c>timestamptz</c> requires <see cref="DateTimeKind.Utc"/> on write.</remarks>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
