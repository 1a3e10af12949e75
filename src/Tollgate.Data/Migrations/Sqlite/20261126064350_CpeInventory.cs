using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Data.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    uploader_realm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    uploader_owner = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    uploader_owner_id = table.Column<long>(type: "INTEGER", nullable: true),
                    uploader_login = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    added = table.Column<int>(type: "INTEGER", nullable: false),
                    removed = table.Column<int>(type: "INTEGER", nullable: false),
                    failed = table.Column<int>(type: "INTEGER", nullable: false),
                    rows_done = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<Guid>(type: "TEXT", nullable: true),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ports = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpe_models", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    recipient_owner = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    recipient_owner_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    topic = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    link = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cpe_import_chunks",
                columns: table => new
                {
                    import_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_id = table.Column<long>(type: "INTEGER", nullable: false),
                    row = table.Column<int>(type: "INTEGER", nullable: false),
                    column = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    managed_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    shared_with_resellers = table.Column<bool>(type: "INTEGER", nullable: false),
                    manager_key = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    mac = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    profile_id = table.Column<long>(type: "INTEGER", nullable: true),
                    inventory_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    managed_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    shared_with_resellers = table.Column<bool>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    customer_reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    allocated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    import_id = table.Column<long>(type: "INTEGER", nullable: true)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    device_id = table.Column<long>(type: "INTEGER", nullable: false),
                    port = table.Column<int>(type: "INTEGER", nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    assigned_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
