using Microsoft.EntityFrameworkCore.Migrations;

namespace Tollgate.Data;

/// <summary>Schema that EF Core's model cannot describe (triggers, functions), applied by the migrations.</summary>
/// <remarks>
/// Before the first release the migrations are squashed into one <c>Initial</c> migration per provider
/// (<c>scripts/squash-migrations.sh</c>); that script calls <see cref="Up"/> at the end of <c>Initial.Up</c> and
/// <see cref="Down"/> at the start of <c>Initial.Down</c>, so nothing written by hand is lost in a squash.
/// Add new hand-written steps here.
/// </remarks>
public static class HandWrittenSchema
{
    public static void Up(MigrationBuilder migration)
    {
        Audit.AuditTriggers.Create(migration);
        Centrex.ProductUseTriggers.Create(migration);
    }

    public static void Down(MigrationBuilder migration)
    {
        Centrex.ProductUseTriggers.Drop(migration);
        Audit.AuditTriggers.Drop(migration);
    }
}
