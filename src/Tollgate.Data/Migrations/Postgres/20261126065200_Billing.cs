using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tollgate.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Billing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_first_usages",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    first_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_first_usages", x => x.account_id);
                    table.ForeignKey(
                        name: "fk_account_first_usages_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "billing_cycles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payer_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_id = table.Column<long>(type: "bigint", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    charged_through = table.Column<DateOnly>(type: "date", nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_cycles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invoice_counters",
                columns: table => new
                {
                    issuer_key = table.Column<long>(type: "bigint", nullable: false),
                    last_number = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_counters", x => x.issuer_key);
                });

            migrationBuilder.CreateTable(
                name: "invoices",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    issuer_key = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    issuer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payer_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    total = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    line_count = table.Column<int>(type: "integer", nullable: false),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    managed_by = table.Column<long>(type: "bigint", nullable: true),
                    shared_with_resellers = table.Column<bool>(type: "boolean", nullable: false),
                    allowed_with_any_main_product = table.Column<bool>(type: "boolean", nullable: false),
                    call_recording = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_products_resellers_managed_by",
                        column: x => x.managed_by,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    fee = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    activation_mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    charge_mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    prepaid_months = table.Column<int>(type: "integer", nullable: false),
                    can_be_applied_more_than_once = table.Column<bool>(type: "boolean", nullable: false),
                    managed_by = table.Column<long>(type: "bigint", nullable: true),
                    shared_with_resellers = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscriptions_resellers_managed_by",
                        column: x => x.managed_by,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "xdrs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_id = table.Column<long>(type: "bigint", nullable: false),
                    source_id = table.Column<long>(type: "bigint", nullable: false),
                    key_date = table.Column<DateOnly>(type: "date", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    subscription_id = table.Column<long>(type: "bigint", nullable: true),
                    service_from = table.Column<DateOnly>(type: "date", nullable: false),
                    service_to = table.Column<DateOnly>(type: "date", nullable: false),
                    fee = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_xdrs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "account_products",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    assigned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_products_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_account_products_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "product_allowed_mains",
                columns: table => new
                {
                    addon_product_id = table.Column<long>(type: "bigint", nullable: false),
                    main_product_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_allowed_mains", x => new { x.addon_product_id, x.main_product_id });
                    table.ForeignKey(
                        name: "fk_product_allowed_mains_products_addon_product_id",
                        column: x => x.addon_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_product_allowed_mains_products_main_product_id",
                        column: x => x.main_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assigned_subscriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subscription_id = table.Column<long>(type: "bigint", nullable: false),
                    target = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    payer_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    activation_date = table.Column<DateOnly>(type: "date", nullable: true),
                    finish_date = table.Column<DateOnly>(type: "date", nullable: true),
                    adjustment_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    adjustment_value = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assigned_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_assigned_subscriptions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assigned_subscriptions_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assigned_subscriptions_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assigned_subscriptions_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assigned_subscriptions_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "product_subscriptions",
                columns: table => new
                {
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    subscription_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_subscriptions", x => new { x.product_id, x.subscription_id });
                    table.ForeignKey(
                        name: "fk_product_subscriptions_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_product_subscriptions_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_products_account_id_product_id",
                table: "account_products",
                columns: new[] { "account_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_products_product_id",
                table: "account_products",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_assigned_subscriptions_account_id",
                table: "assigned_subscriptions",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_assigned_subscriptions_customer_id",
                table: "assigned_subscriptions",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_assigned_subscriptions_payer_kind_payer_id",
                table: "assigned_subscriptions",
                columns: new[] { "payer_kind", "payer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assigned_subscriptions_product_id_subscription_id",
                table: "assigned_subscriptions",
                columns: new[] { "product_id", "subscription_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assigned_subscriptions_reseller_id",
                table: "assigned_subscriptions",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_assigned_subscriptions_subscription_id",
                table: "assigned_subscriptions",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_cycles_due_at",
                table: "billing_cycles",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ix_billing_cycles_payer_kind_payer_id",
                table: "billing_cycles",
                columns: new[] { "payer_kind", "payer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoices_customer_id",
                table: "invoices",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_reseller_id",
                table: "invoices",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ux_invoices_issuer_number",
                table: "invoices",
                columns: new[] { "issuer_key", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_invoices_payer_period",
                table: "invoices",
                columns: new[] { "payer_kind", "payer_id", "period_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_product_allowed_mains_main_product_id",
                table: "product_allowed_mains",
                column: "main_product_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_subscriptions_subscription_id",
                table: "product_subscriptions",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_managed_by_name",
                table: "products",
                columns: new[] { "managed_by", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_managed_by_name",
                table: "subscriptions",
                columns: new[] { "managed_by", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_xdrs_account_id",
                table: "xdrs",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_xdrs_payer_kind_payer_id_period_start",
                table: "xdrs",
                columns: new[] { "payer_kind", "payer_id", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ix_xdrs_reseller_id",
                table: "xdrs",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ux_xdrs_natural_key",
                table: "xdrs",
                columns: new[] { "payer_kind", "payer_id", "kind", "source_id", "key_date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_first_usages");

            migrationBuilder.DropTable(
                name: "account_products");

            migrationBuilder.DropTable(
                name: "assigned_subscriptions");

            migrationBuilder.DropTable(
                name: "billing_cycles");

            migrationBuilder.DropTable(
                name: "invoice_counters");

            migrationBuilder.DropTable(
                name: "invoices");

            migrationBuilder.DropTable(
                name: "product_allowed_mains");

            migrationBuilder.DropTable(
                name: "product_subscriptions");

            migrationBuilder.DropTable(
                name: "xdrs");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "subscriptions");
        }
    }
}
