using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tollgate.Data.Audit;

/// <summary>Database triggers that make <c>audit_entries</c> append-only: UPDATE, DELETE (and TRUNCATE on PostgreSQL) are refused.</summary>
/// <remarks>
/// The API has no way to change an entry; the triggers make sure no code path, present or future, can either. Purging
/// old entries (if a retention policy ever asks for it) is a deliberate DBA act: drop the trigger, delete, recreate it.
/// </remarks>
public static class AuditTriggers
{
    public static void Create(MigrationBuilder migration)
    {
        if (migration.IsNpgsql())
        {
            migration.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit entries are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }
        else
        {
            migration.Sql("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
            migration.Sql("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
        }
    }

    public static void Drop(MigrationBuilder migration)
    {
        if (migration.IsNpgsql())
        {
            migration.Sql("""
                DROP TRIGGER audit_entries_no_truncate ON audit_entries;
                DROP TRIGGER audit_entries_append_only ON audit_entries;
                DROP FUNCTION audit_entries_append_only();
                """);
        }
        else
        {
            migration.Sql("DROP TRIGGER audit_entries_no_update;");
            migration.Sql("DROP TRIGGER audit_entries_no_delete;");
        }
    }
}
