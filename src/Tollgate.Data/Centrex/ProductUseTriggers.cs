using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tollgate.Data.Centrex;

/// <summary>The triggers that keep <see cref="ProductUse"/> equal to a count of the customers' open accounts holding each product.</summary>
/// <remarks>
/// <para>
/// An account product counts while its account is not <c>Closed</c>. So: a product given to an open account adds one,
/// one taken away (or moved by an update) subtracts one; an account that closes subtracts one for each of its
/// products, one that opens again adds them back; an open account deleted outright subtracts its products before they
/// go with it. The counter row of a customer and product is locked by each change until its transaction ends, like
/// the rows it counts.
/// </para>
/// <para>
/// <see cref="Create"/> also fills the table from the rows already there. Applied through <see cref="HandWrittenSchema"/>.
/// </para>
/// </remarks>
public static class ProductUseTriggers
{
    /// <summary>How a closed account's status is stored (enums are stored by name).</summary>
    private const string Closed = "'Closed'";

    private const string Backfill = $"""
        INSERT INTO product_use (customer_id, product_id, reseller_id, open_accounts)
        SELECT p.customer_id, p.product_id, MAX(p.reseller_id), COUNT(*)
        FROM account_products AS p JOIN accounts AS a ON a.id = p.account_id
        WHERE a.status <> {Closed}
        GROUP BY p.customer_id, p.product_id;
        """;

    public static void Create(MigrationBuilder migration)
    {
        if (migration.IsNpgsql())
        {
            migration.Sql($"""
                -- An UPSERT checks the row it proposes against the CHECK constraint before it finds the conflict, so only
                -- an increase may create the row; a decrease always finds it.
                CREATE FUNCTION product_use_add(customer bigint, reseller bigint, product bigint, delta integer) RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF delta > 0 THEN
                        INSERT INTO product_use (customer_id, product_id, reseller_id, open_accounts) VALUES (customer, product, reseller, delta)
                        ON CONFLICT (customer_id, product_id) DO UPDATE SET open_accounts = product_use.open_accounts + EXCLUDED.open_accounts;
                    ELSE
                        UPDATE product_use SET open_accounts = open_accounts + delta WHERE customer_id = customer AND product_id = product;
                    END IF;
                END $$;

                -- The operation is tested on its own: in one condition with the table read, PostgreSQL plans that condition
                -- anew for every row (for an INSERT a custom plan can leave the read of OLD out).
                CREATE FUNCTION account_products_use() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        IF EXISTS (SELECT 1 FROM accounts WHERE id = OLD.account_id AND status <> {Closed}) THEN
                            PERFORM product_use_add(OLD.customer_id, OLD.reseller_id, OLD.product_id, -1);
                        END IF;
                    END IF;
                    IF TG_OP <> 'DELETE' THEN
                        IF EXISTS (SELECT 1 FROM accounts WHERE id = NEW.account_id AND status <> {Closed}) THEN
                            PERFORM product_use_add(NEW.customer_id, NEW.reseller_id, NEW.product_id, 1);
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER account_products_use AFTER INSERT OR DELETE OR UPDATE OF account_id, product_id, customer_id ON account_products
                    FOR EACH ROW EXECUTE FUNCTION account_products_use();

                CREATE FUNCTION accounts_product_use() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    delta integer := CASE
                        WHEN TG_OP = 'DELETE' THEN CASE WHEN OLD.status <> {Closed} THEN -1 ELSE 0 END
                        WHEN OLD.status <> {Closed} AND NEW.status = {Closed} THEN -1
                        WHEN OLD.status = {Closed} AND NEW.status <> {Closed} THEN 1
                        ELSE 0 END;
                BEGIN
                    IF delta <> 0 THEN
                        PERFORM product_use_add(p.customer_id, p.reseller_id, p.product_id, delta) FROM account_products AS p WHERE p.account_id = OLD.id;
                    END IF;
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END $$;
                CREATE TRIGGER accounts_product_use AFTER UPDATE OF status ON accounts
                    FOR EACH ROW EXECUTE FUNCTION accounts_product_use();
                -- Before the delete: its products go with it by cascade, when the account no longer counts them as open.
                CREATE TRIGGER accounts_product_use_delete BEFORE DELETE ON accounts
                    FOR EACH ROW EXECUTE FUNCTION accounts_product_use();
                """);
        }
        else
        {
            // SQLite has no functions; each trigger says it in full. Its UPSERT needs a WHERE on INSERT … SELECT.
            const string open = $"EXISTS (SELECT 1 FROM accounts WHERE id = {{0}}.account_id AND status <> {Closed})";
            const string add = """
                INSERT INTO product_use (customer_id, product_id, reseller_id, open_accounts)
                SELECT {0}.customer_id, {0}.product_id, {0}.reseller_id, 1 WHERE {1}
                ON CONFLICT (customer_id, product_id) DO UPDATE SET open_accounts = open_accounts + 1;
                """;
            const string subtract = """
                UPDATE product_use SET open_accounts = open_accounts - 1
                WHERE customer_id = {0}.customer_id AND product_id = {0}.product_id AND {1};
                """;
            string Add(string row) => string.Format(null, add, row, string.Format(null, open, row));
            string Subtract(string row) => string.Format(null, subtract, row, string.Format(null, open, row));
            migration.Sql($"CREATE TRIGGER account_products_use_insert AFTER INSERT ON account_products BEGIN {Add("NEW")} END;");
            migration.Sql($"CREATE TRIGGER account_products_use_delete AFTER DELETE ON account_products BEGIN {Subtract("OLD")} END;");
            migration.Sql($"CREATE TRIGGER account_products_use_update AFTER UPDATE OF account_id, product_id, customer_id ON account_products BEGIN {Subtract("OLD")} {Add("NEW")} END;");

            const string ofAccount = "EXISTS (SELECT 1 FROM account_products AS p WHERE p.account_id = OLD.id AND p.customer_id = product_use.customer_id AND p.product_id = product_use.product_id)";
            migration.Sql($"""
                CREATE TRIGGER accounts_product_use_close AFTER UPDATE OF status ON accounts
                WHEN OLD.status <> {Closed} AND NEW.status = {Closed}
                BEGIN UPDATE product_use SET open_accounts = open_accounts - 1 WHERE {ofAccount}; END;
                """);
            migration.Sql($"""
                CREATE TRIGGER accounts_product_use_reopen AFTER UPDATE OF status ON accounts
                WHEN OLD.status = {Closed} AND NEW.status <> {Closed}
                BEGIN
                    INSERT INTO product_use (customer_id, product_id, reseller_id, open_accounts)
                    SELECT p.customer_id, p.product_id, p.reseller_id, 1 FROM account_products AS p WHERE p.account_id = NEW.id
                    ON CONFLICT (customer_id, product_id) DO UPDATE SET open_accounts = open_accounts + 1;
                END;
                """);
            migration.Sql($"""
                CREATE TRIGGER accounts_product_use_delete BEFORE DELETE ON accounts
                WHEN OLD.status <> {Closed}
                BEGIN UPDATE product_use SET open_accounts = open_accounts - 1 WHERE {ofAccount}; END;
                """);
        }
        migration.Sql(Backfill);
    }

    public static void Drop(MigrationBuilder migration)
    {
        if (migration.IsNpgsql())
        {
            migration.Sql("""
                DROP TRIGGER accounts_product_use_delete ON accounts;
                DROP TRIGGER accounts_product_use ON accounts;
                DROP FUNCTION accounts_product_use();
                DROP TRIGGER account_products_use ON account_products;
                DROP FUNCTION account_products_use();
                DROP FUNCTION product_use_add(bigint, bigint, bigint, integer);
                """);
        }
        else
        {
            foreach (var trigger in new[]
                     {
                         "accounts_product_use_delete", "accounts_product_use_reopen", "accounts_product_use_close",
                         "account_products_use_update", "account_products_use_delete", "account_products_use_insert",
                     })
                migration.Sql($"DROP TRIGGER {trigger};");
        }
    }
}
