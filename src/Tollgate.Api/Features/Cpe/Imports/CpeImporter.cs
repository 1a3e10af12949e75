using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>How far an import has got, reported after every batch.</summary>
public sealed record CpeImportProgress(int Rows, int Added, int Removed, int Failed, double Fraction);

/// <summary>A worker found that another worker has taken its import over (its lease ran out); it stops without writing.</summary>
public sealed class CpeLeaseLostException(long importId) : Exception($"Another worker has taken over CPE import {importId}.");

/// <summary>Applies the rows of an upload file to the inventory, a batch at a time, each row standing alone.</summary>
/// <remarks>
/// <para>
/// The file is read as a stream, one row at a time; a batch of <see cref="BatchSize"/> rows is checked against the
/// database and written in one transaction together with its errors, the import's counts and the number of the last
/// row done. Memory holds one batch, the names the file uses, and the MAC addresses seen so far (8 bytes and a row
/// number each, to recognise a MAC that appears twice in the file), so a file of a million rows needs no more than a
/// few tens of megabytes.
/// </para>
/// <para>
/// Each row is applied whole or not at all, and a row that cannot be applied is reported (row, column, reason) without
/// stopping the others. A row whose MAC is already in the inventory fails, so the same file uploaded twice adds
/// nothing the second time. After an interruption the import resumes after the last row done; no row is applied twice.
/// </para>
/// </remarks>
public sealed class CpeImporter(TollgateDbFactory databases, TimeProvider clock)
{
    public const int BatchSize = 2000;

    /// <summary>How long a worker holds an import without renewing its claim; a batch renews it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Reads <paramref name="file"/> and applies its rows after the import's last row done.</summary>
    /// <exception cref="CpeFileException">The file cannot be read to the end; the rows before stay applied.</exception>
    /// <exception cref="CpeLeaseLostException">Another worker took the import over.</exception>
    public async Task<CpeImportProgress> RunAsync(long importId, Guid owner, Stream file, IProgress<CpeImportProgress>? progress, CancellationToken ct)
    {
        CpeImport import;
        await using (var db = databases.CreateSystem())
            import = await db.CpeImports.AsNoTracking().FirstAsync(i => i.Id == importId, ct);
        var scope = import.ResellerId is { } reseller ? TenantScope.OfReseller(reseller) : TenantScope.Administrator;
        var job = new Job(importId, owner, import.ResellerId, scope);
        var done = new CpeImportProgress(import.Rows, import.Added, import.Removed, import.Failed, 0);

        using var reader = CpeRowReader.Open(file, import.Format);
        var header = ReadHeader(reader);
        var seen = new Dictionary<MacAddress, int>();
        var batch = new List<CpeImportRow>(BatchSize);
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (reader.IsBlank()) continue;
            if (reader.RowNumber <= import.RowsDone)
            {
                // Applied before an interruption: only remember its MAC, so a later repeat is still recognised.
                if (CpeImportRow.MacOf(reader, header) is { } mac) seen.TryAdd(mac, reader.RowNumber);
                continue;
            }
            var row = CpeImportRow.Read(reader, header);
            if (row.HasMac && !seen.TryAdd(row.Mac, row.Row))
                row.Fail(CpeImportColumns.Mac, $"{row.Mac} appears twice in the file (first at row {seen[row.Mac]})");
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                done = await ApplyAsync(job, batch, reader.RowNumber, reader.Progress, ct);
                progress?.Report(done);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            done = await ApplyAsync(job, batch, reader.RowNumber, 1, ct);
            progress?.Report(done);
        }
        return done with { Fraction = 1 };
    }

    private static CpeImportHeader ReadHeader(CpeRowReader reader)
    {
        while (reader.Read())
        {
            if (reader.IsBlank()) continue;
            return CpeImportHeader.Read(reader.Cells(), reader.RowNumber, out var problems, out _)
                   ?? throw new CpeFileException($"the header row is wrong: {string.Join("; ", problems.SelectMany(p => p.Value))}");
        }
        throw new CpeFileException("it has no header row");
    }

    private sealed record Job(long ImportId, Guid Owner, long? ActingReseller, TenantScope Scope)
    {
        public CpeImportLookups Lookups { get; } = new();
    }

    private async Task<CpeImportProgress> ApplyAsync(Job job, List<CpeImportRow> rows, int lastRow, double fraction, CancellationToken ct)
    {
        try
        {
            return await ApplyOnceAsync(job, rows, lastRow, fraction, ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && rows.Count > 1)
        {
            // A device with one of these MACs was added meanwhile (through the API, say): apply row by row, so only
            // that row fails and the others are kept.
            CpeImportProgress done = null!;
            for (var i = 0; i < rows.Count; i++)
                done = await ApplyAsync(job, [rows[i]], i == rows.Count - 1 ? lastRow : rows[i].Row, fraction, ct);
            return done;
        }
    }

    private async Task<CpeImportProgress> ApplyOnceAsync(Job job, List<CpeImportRow> rows, int lastRow, double fraction, CancellationToken ct)
    {
        await using var db = databases.Create(job.Scope);
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<CpeImport>(job.ImportId, ct);
        var import = await db.CpeImports.IgnoreQueryFilters().FirstAsync(i => i.Id == job.ImportId, ct);
        if (import.LeaseOwner != job.Owner) throw new CpeLeaseLostException(job.ImportId);

        var ready = rows.Where(r => !r.Failed).ToList();
        await job.Lookups.LoadAsync(db, ready, ct);
        var adding = ready.Where(r => r.Action == CpeImportAction.Add).Select(r => r.Mac.ToString()).ToList();
        var taken = adding.Count == 0 ? [] : (await db.CpeDevices.IgnoreQueryFilters().Where(d => adding.Contains(d.Mac)).Select(d => d.Mac).ToListAsync(ct)).ToHashSet();
        var removing = ready.Where(r => r.Action == CpeImportAction.Remove).Select(r => r.Mac.ToString()).ToList();
        // Tracked, so that removals are saved (and audited) like any other change; they are few next to the additions.
        var removable = removing.Count == 0 ? [] : await db.CpeDevices.Include(d => d.Model)
            .Where(d => removing.Contains(d.Mac)).ToDictionaryAsync(d => d.Mac, ct);
        var assigned = removable.Count == 0 ? [] : await CpeAllocationApi.AssignedPortsAsync(db, removable.Values.Select(d => d.Id).ToList(), ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var removed = new List<CpeDevice>();
        var devices = new List<CpeDevice>(rows.Count);
        var problems = new List<CpeImportError>();
        var failed = 0;
        foreach (var row in rows)
        {
            var errors = new List<(string Column, string Reason)>(row.Errors);
            if (errors.Count == 0 && row.Action == CpeImportAction.Add && NewDevice(job, row, taken, errors, now) is { } device)
            {
                devices.Add(device);
            }
            else if (errors.Count == 0 && row.Action == CpeImportAction.Remove && DeviceToRemove(job, row, removable, assigned, errors) is { } gone)
            {
                removed.Add(gone);
            }
            if (errors.Count == 0) continue;
            failed++;
            foreach (var (column, reason) in errors)
                problems.Add(new CpeImportError { ImportId = job.ImportId, Row = row.Row, Column = column, Reason = Cut(reason, 500) });
        }
        db.CpeDevices.RemoveRange(removed);
        await BulkInsert.InsertAsync(db, devices, ct);
        await BulkInsert.InsertAsync(db, problems, ct);

        import.Rows += rows.Count;
        import.Added += devices.Count;
        import.Removed += removed.Count;
        import.Failed += failed;
        import.RowsDone = lastRow;
        import.LeaseUntil = now + Lease;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CpeImportProgress(import.Rows, import.Added, import.Removed, import.Failed, fraction);
    }

    private static CpeDevice? NewDevice(Job job, CpeImportRow row, HashSet<string> taken, List<(string, string)> errors, DateTime now)
    {
        var lookups = job.Lookups;
        var mac = row.Mac.ToString();
        if (taken.Contains(mac)) errors.Add((CpeImportColumns.Mac.Header, $"{mac} is already in the inventory"));
        var model = lookups.Model(row.Model!);
        if (model is null) errors.Add((CpeImportColumns.Model.Header, $"there is no device model '{row.Model}'"));

        var management = Management(job, row, errors);
        long? profileId = null;
        if (row.Profile is { } profileName && model is not null && management is { } forProfile)
        {
            var named = lookups.Profiles(profileName);
            var ofModel = named.Where(p => p.ModelId == model.Id).ToList();
            var fitting = ofModel.FirstOrDefault(p => p.Management.ResellerId == forProfile.ResellerId)
                          ?? ofModel.FirstOrDefault(p => forProfile.MayUseProfile(p.Management));
            if (fitting is not null) profileId = fitting.Id;
            else
            {
                errors.Add((CpeImportColumns.Profile.Header, named.Count == 0 ? $"there is no CPE profile '{profileName}'"
                    : ofModel.Count == 0 ? $"CPE profile '{profileName}' is for another device model, not {model.Name}"
                    : $"CPE profile '{profileName}' belongs to another manager and is not shared with resellers"));
            }
        }

        CpeImportLookups.CustomerRef? customer = null;
        if (row.Customer is { } customerName && management is { } forCustomer)
        {
            var named = lookups.Customers(customerName);
            if (named.Count == 0) errors.Add((CpeImportColumns.Customer.Header, $"there is no customer '{customerName}'"));
            else if (named.Count > 1)
                errors.Add((CpeImportColumns.Customer.Header, $"{named.Count} customers are named '{customerName}'; allocate the device through the API by customer id"));
            else if (named[0].Status == PartyStatus.Closed) errors.Add((CpeImportColumns.Customer.Header, $"customer '{customerName}' is closed"));
            else if (CpeAllocation.CheckAllocate(forCustomer, null, named[0].Id, named[0].ResellerId, job.ActingReseller) is { } refusal)
                errors.Add((CpeImportColumns.Customer.Header, $"the device cannot be allocated to '{customerName}': {refusal.Reason}"));
            else customer = named[0];
        }
        if (errors.Count > 0 || model is null || management is not { } chosen) return null;
        return new CpeDevice
        {
            Name = row.Name!, ModelId = model.Id, Mac = mac, ProfileId = profileId, InventoryId = row.InventoryId,
            ManagedById = chosen.ResellerId, SharedWithResellers = chosen.SharedWithResellers,
            CustomerId = customer?.Id, CustomerResellerId = customer?.ResellerId, AllocatedAt = customer is null ? null : now,
            CreatedAt = now, ImportId = job.ImportId,
        };
    }

    /// <summary>Who will manage the new device, as the uploader may decide it; null (with errors) when the row asks for what it may not.</summary>
    private static CpeManagement? Management(Job job, CpeImportRow row, List<(string, string)> errors)
    {
        var problems = new List<(string, string)>();
        long? resellerId = null;
        if (row.ManagedBy is { } name)
        {
            var named = job.Lookups.Resellers(name);
            if (named.Count == 0) problems.Add((CpeImportColumns.ManagedBy.Header, $"there is no reseller '{name}'"));
            else if (named.Count > 1) problems.Add((CpeImportColumns.ManagedBy.Header, $"{named.Count} resellers are named '{name}'"));
            else resellerId = named[0];
        }
        var management = new CpeManagement(resellerId, row.Shared);
        if (job.ActingReseller is { } acting)
        {
            // A reseller's file adds the reseller's own devices (its scope shows no other reseller to name).
            if (row.Shared) problems.Add((CpeImportColumns.Shared.Header, "only the administrator shares devices with resellers"));
            management = new CpeManagement(acting, false);
        }
        else if (management.Problem is { } problem)
        {
            problems.Add((CpeImportColumns.Shared.Header, problem));
        }
        errors.AddRange(problems);
        return problems.Count == 0 ? management : null;
    }

    private static CpeDevice? DeviceToRemove(Job job, CpeImportRow row, Dictionary<string, CpeDevice> removable,
        Dictionary<long, List<string>> assigned, List<(string, string)> errors)
    {
        var mac = row.Mac.ToString();
        if (!removable.TryGetValue(mac, out var device))
        {
            errors.Add((CpeImportColumns.Mac.Header, $"{mac} is not in the inventory"));
            return null;
        }
        // Name and model are optional on a Remove row; when given, they guard against removing the wrong device.
        if (row.Name is { } name && !string.Equals(name, device.Name, StringComparison.OrdinalIgnoreCase))
            errors.Add((CpeImportColumns.Name.Header, $"the device with MAC address {mac} is named '{device.Name}', not '{name}'"));
        if (row.Model is { } model && !string.Equals(CpeImportLookups.KeyOf(model), device.Model.NameKey, StringComparison.Ordinal))
            errors.Add((CpeImportColumns.Model.Header, $"the device with MAC address {mac} is a {device.Model.Name}, not a {model}"));
        var ports = assigned.GetValueOrDefault(device.Id);
        if (CpeAllocation.CheckRemove(new CpeManagement(device.ManagedById, device.SharedWithResellers), ports?.Count ?? 0, ports?[0], job.ActingReseller) is { } refusal)
            errors.Add((CpeImportColumns.Action.Header, $"the device cannot be removed: {refusal.Reason}"));
        return errors.Count == 0 ? device : null;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
