namespace Tollgate.Data.Audit;

/// <summary>Who makes the changes of a database context, as the audit trail names them.</summary>
/// <param name="Type">administrator, reseller, customer, individual, account, or system.</param>
/// <param name="Id">The id of that party (null for system jobs).</param>
/// <param name="Login">The login the party signed in with, or the job's name.</param>
public sealed record AuditActor(string Type, long? Id, string Login)
{
    /// <summary>A background job acting on its own (a billing run, a clean-up).</summary>
    public static AuditActor System(string job) => new("system", null, job);
}
