using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Rating : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "tariff_id",
                table: "resellers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "tariff_id",
                table: "products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "balances",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payer_kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    payer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 19, scale: 6, nullable: false),
                    credit_limit = table.Column<decimal>(type: "TEXT", precision: 19, scale: 6, nullable: true),
                    prepaid = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_balances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cdr_ratings",
                columns: table => new
                {
                    cdr_id = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    reason_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    unrated_parties = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    first_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdr_ratings", x => x.cdr_id);
                });

            migrationBuilder.CreateTable(
                name: "credit_reservations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    call_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    customer_amount = table.Column<decimal>(type: "TEXT", precision: 19, scale: 6, nullable: false),
                    reseller_amount = table.Column<decimal>(type: "TEXT", precision: 19, scale: 6, nullable: false),
                    max_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_reservations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payer_kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    payer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 19, scale: 6, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tariffs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    managed_by = table.Column<long>(type: "INTEGER", nullable: true),
                    shared_with_resellers = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    rates_changed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_rate_change = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tariffs", x => x.id);
                    table.ForeignKey(
                        name: "fk_tariffs_resellers_managed_by",
                        column: x => x.managed_by,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "connection_tariffs",
                columns: table => new
                {
                    connection_id = table.Column<long>(type: "INTEGER", nullable: false),
                    tariff_id = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connection_tariffs", x => x.connection_id);
                    table.ForeignKey(
                        name: "fk_connection_tariffs_tariffs_tariff_id",
                        column: x => x.tariff_id,
                        principalTable: "tariffs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rates",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tariff_id = table.Column<long>(type: "INTEGER", nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    price_per_minute = table.Column<decimal>(type: "TEXT", precision: 19, scale: 6, nullable: false),
                    connect_fee = table.Column<decimal>(type: "TEXT", precision: 19, scale: 6, nullable: false),
                    first_interval = table.Column<int>(type: "INTEGER", nullable: false),
                    next_interval = table.Column<int>(type: "INTEGER", nullable: false),
                    grace_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    effective_to = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rates", x => x.id);
                    table.ForeignKey(
                        name: "fk_rates_tariffs_tariff_id",
                        column: x => x.tariff_id,
                        principalTable: "tariffs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_resellers_tariff_id",
                table: "resellers",
                column: "tariff_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_tariff_id",
                table: "products",
                column: "tariff_id");

            migrationBuilder.CreateIndex(
                name: "ix_balances_reseller_id",
                table: "balances",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ux_balances_payer",
                table: "balances",
                columns: new[] { "payer_kind", "payer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cdr_ratings_unratable",
                table: "cdr_ratings",
                column: "cdr_id",
                filter: "status = 'Unratable'");

            migrationBuilder.CreateIndex(
                name: "ix_connection_tariffs_tariff_id",
                table: "connection_tariffs",
                column: "tariff_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_reservations_call_id",
                table: "credit_reservations",
                column: "call_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credit_reservations_customer_id",
                table: "credit_reservations",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_reservations_reseller_id",
                table: "credit_reservations",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_payer_kind_payer_id_received_at",
                table: "payments",
                columns: new[] { "payer_kind", "payer_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_reseller_id",
                table: "payments",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ux_payments_payer_reference",
                table: "payments",
                columns: new[] { "payer_kind", "payer_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_rates_tariff_prefix_from",
                table: "rates",
                columns: new[] { "tariff_id", "prefix", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tariffs_managed_by_name",
                table: "tariffs",
                columns: new[] { "managed_by", "name" });

            migrationBuilder.AddForeignKey(
                name: "fk_products_tariffs_tariff_id",
                table: "products",
                column: "tariff_id",
                principalTable: "tariffs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_resellers_tariffs_tariff_id",
                table: "resellers",
                column: "tariff_id",
                principalTable: "tariffs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_products_tariffs_tariff_id",
                table: "products");

            migrationBuilder.DropForeignKey(
                name: "fk_resellers_tariffs_tariff_id",
                table: "resellers");

            migrationBuilder.DropTable(
                name: "balances");

            migrationBuilder.DropTable(
                name: "cdr_ratings");

            migrationBuilder.DropTable(
                name: "connection_tariffs");

            migrationBuilder.DropTable(
                name: "credit_reservations");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "rates");

            migrationBuilder.DropTable(
                name: "tariffs");

            migrationBuilder.DropIndex(
                name: "ix_resellers_tariff_id",
                table: "resellers");

            migrationBuilder.DropIndex(
                name: "ix_products_tariff_id",
                table: "products");

            migrationBuilder.DropColumn(
                name: "tariff_id",
                table: "resellers");

            migrationBuilder.DropColumn(
                name: "tariff_id",
                table: "products");
        }
    }
}
