using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tollgate.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Switch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "service_policy_id",
                table: "products",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "service_policy_id",
                table: "accounts",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "service_policies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    forbid_update_method = table.Column<bool>(type: "boolean", nullable: false),
                    keep_alive_interval = table.Column<int>(type: "integer", nullable: true),
                    sip_endpoint_pattern = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    match_priority = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sip_registrations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    contact_uri = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_agent = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    call_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    c_seq = table.Column<long>(type: "bigint", nullable: false),
                    registered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sip_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_sip_registrations_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vendor_connections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    transport = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    service_policy_id = table.Column<long>(type: "bigint", nullable: true),
                    trusted_address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vendor_connections", x => x.id);
                    table.ForeignKey(
                        name: "fk_vendor_connections_service_policies_service_policy_id",
                        column: x => x.service_policy_id,
                        principalTable: "service_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vendor_connection_prefixes",
                columns: table => new
                {
                    connection_id = table.Column<long>(type: "bigint", nullable: false),
                    prefix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vendor_connection_prefixes", x => new { x.connection_id, x.prefix });
                    table.ForeignKey(
                        name: "fk_vendor_connection_prefixes_vendor_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "vendor_connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_products_service_policy_id",
                table: "products",
                column: "service_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_service_policy_id",
                table: "accounts",
                column: "service_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_policies_name",
                table: "service_policies",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sip_registrations_account_id_expires_at",
                table: "sip_registrations",
                columns: new[] { "account_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sip_registrations_customer_id",
                table: "sip_registrations",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_sip_registrations_reseller_id",
                table: "sip_registrations",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_connection_prefixes_prefix",
                table: "vendor_connection_prefixes",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vendor_connections_name",
                table: "vendor_connections",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vendor_connections_service_policy_id",
                table: "vendor_connections",
                column: "service_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_connections_trusted_address",
                table: "vendor_connections",
                column: "trusted_address",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_accounts_service_policies_service_policy_id",
                table: "accounts",
                column: "service_policy_id",
                principalTable: "service_policies",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_products_service_policies_service_policy_id",
                table: "products",
                column: "service_policy_id",
                principalTable: "service_policies",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_accounts_service_policies_service_policy_id",
                table: "accounts");

            migrationBuilder.DropForeignKey(
                name: "fk_products_service_policies_service_policy_id",
                table: "products");

            migrationBuilder.DropTable(
                name: "sip_registrations");

            migrationBuilder.DropTable(
                name: "vendor_connection_prefixes");

            migrationBuilder.DropTable(
                name: "vendor_connections");

            migrationBuilder.DropTable(
                name: "service_policies");

            migrationBuilder.DropIndex(
                name: "ix_products_service_policy_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_accounts_service_policy_id",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "service_policy_id",
                table: "products");

            migrationBuilder.DropColumn(
                name: "service_policy_id",
                table: "accounts");
        }
    }
}
