using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SelfCareAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    actor_id = table.Column<long>(type: "INTEGER", nullable: true),
                    actor_login = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    entity = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    recipient_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    sensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    permissions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "set_password_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    credential_id = table.Column<long>(type: "INTEGER", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_set_password_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_set_password_tokens_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_allowed_roles",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    role_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_allowed_roles", x => x.id);
                    table.ForeignKey(
                        name: "fk_customer_allowed_roles_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_customer_allowed_roles_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_customer_allowed_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "individuals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    credential_id = table.Column<long>(type: "INTEGER", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    role_id = table.Column<long>(type: "INTEGER", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    activation_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    expiration_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_individuals", x => x.id);
                    table.ForeignKey(
                        name: "fk_individuals_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_individuals_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_individuals_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_individuals_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_customer_id_at",
                table: "audit_entries",
                columns: new[] { "customer_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_entity_id",
                table: "audit_entries",
                columns: new[] { "entity", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_allowed_roles_customer_id_role_id",
                table: "customer_allowed_roles",
                columns: new[] { "customer_id", "role_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customer_allowed_roles_reseller_id",
                table: "customer_allowed_roles",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_allowed_roles_role_id",
                table: "customer_allowed_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_individuals_credential_id",
                table: "individuals",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_individuals_customer_id",
                table: "individuals",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_individuals_reseller_id",
                table: "individuals",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_individuals_role_id",
                table: "individuals",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_customer_id",
                table: "outbox_messages",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_roles_name_key",
                table: "roles",
                column: "name_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_set_password_tokens_credential_id",
                table: "set_password_tokens",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_set_password_tokens_token_hash",
                table: "set_password_tokens",
                column: "token_hash",
                unique: true);

            Audit.AuditTriggers.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Audit.AuditTriggers.Drop(migrationBuilder);

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "customer_allowed_roles");

            migrationBuilder.DropTable(
                name: "individuals");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "set_password_tokens");

            migrationBuilder.DropTable(
                name: "roles");
        }
    }
}
