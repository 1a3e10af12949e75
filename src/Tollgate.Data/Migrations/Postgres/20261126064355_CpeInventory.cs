using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tollgate.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CpeInventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cpe_imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    format = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    uploader_realm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    uploader_owner = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    uploader_owner_id = table.Column<long>(type: "bigint", nullable: true),
                    uploader_login = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    added = table.Column<int>(type: "integer", nullable: false),
                    removed = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    rows_done = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_owner = table.Column<Guid>(type: "uuid", nullable: true),
                    lease_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpe_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_cpe_imports_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cpe_models",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ports = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpe_models", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recipient_owner = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recipient_owner_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    account_id = table.Column<long>(type: "bigint", nullable: true),
                    topic = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    link = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cpe_import_chunks",
                columns: table => new
                {
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpe_import_chunks", x => new { x.import_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_cpe_import_chunks_cpe_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "cpe_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cpe_import_errors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    row = table.Column<int>(type: "integer", nullable: false),
                    column = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpe_import_errors", x => x.id);
                    table.ForeignKey(
                        name: "fk_cpe_import_errors_cpe_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "cpe_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cpe_profiles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    model_id = table.Column<long>(type: "bigint", nullable: false),
                    managed_by_id = table.Column<long>(type: "bigint", nullable: true),
                    shared_with_resellers = table.Column<bool>(type: "boolean", nullable: false),
                    manager_key = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpe_profiles", x => x.id);
                    table.ForeignKey(
                        name: "fk_cpe_profiles_cpe_models_model_id",
                        column: x => x.model_id,
                        principalTable: "cpe_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cpe_profiles_resellers_managed_by_id",
                        column: x => x.managed_by_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cpe_devices",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    model_id = table.Column<long>(type: "bigint", nullable: false),
                    mac = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    profile_id = table.Column<long>(type: "bigint", nullable: true),
                    inventory_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    managed_by_id = table.Column<long>(type: "bigint", nullable: true),
                    shared_with_resellers = table.Column<bool>(type: "boolean", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    allocated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    import_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpe_devices", x => x.id);
                    table.ForeignKey(
                        name: "fk_cpe_devices_cpe_models_model_id",
                        column: x => x.model_id,
                        principalTable: "cpe_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cpe_devices_cpe_profiles_profile_id",
                        column: x => x.profile_id,
                        principalTable: "cpe_profiles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cpe_devices_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cpe_devices_resellers_customer_reseller_id",
                        column: x => x.customer_reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cpe_devices_resellers_managed_by_id",
                        column: x => x.managed_by_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cpe_port_assignments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    device_id = table.Column<long>(type: "bigint", nullable: false),
                    port = table.Column<int>(type: "integer", nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    assigned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpe_port_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_cpe_port_assignments_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cpe_port_assignments_cpe_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "cpe_devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cpe_port_assignments_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cpe_port_assignments_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cpe_devices_customer_id",
                table: "cpe_devices",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_devices_customer_reseller_id",
                table: "cpe_devices",
                column: "customer_reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_devices_mac",
                table: "cpe_devices",
                column: "mac",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cpe_devices_managed_by_id",
                table: "cpe_devices",
                column: "managed_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_devices_model_id",
                table: "cpe_devices",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_devices_profile_id",
                table: "cpe_devices",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_import_errors_import_id_row",
                table: "cpe_import_errors",
                columns: new[] { "import_id", "row" });

            migrationBuilder.CreateIndex(
                name: "ix_cpe_imports_reseller_id",
                table: "cpe_imports",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_imports_status_id",
                table: "cpe_imports",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_cpe_models_name_key",
                table: "cpe_models",
                column: "name_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cpe_port_assignments_account_id",
                table: "cpe_port_assignments",
                column: "account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cpe_port_assignments_customer_id",
                table: "cpe_port_assignments",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_port_assignments_device_id_port",
                table: "cpe_port_assignments",
                columns: new[] { "device_id", "port" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cpe_port_assignments_reseller_id",
                table: "cpe_port_assignments",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_profiles_managed_by_id",
                table: "cpe_profiles",
                column: "managed_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_cpe_profiles_manager_key_name_key",
                table: "cpe_profiles",
                columns: new[] { "manager_key", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cpe_profiles_model_id",
                table: "cpe_profiles",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_owner_recipient_owner_id_id",
                table: "notifications",
                columns: new[] { "recipient_owner", "recipient_owner_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cpe_import_chunks");

            migrationBuilder.DropTable(
                name: "cpe_import_errors");

            migrationBuilder.DropTable(
                name: "cpe_port_assignments");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "cpe_imports");

            migrationBuilder.DropTable(
                name: "cpe_devices");

            migrationBuilder.DropTable(
                name: "cpe_profiles");

            migrationBuilder.DropTable(
                name: "cpe_models");
        }
    }
}
