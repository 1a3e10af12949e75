using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tollgate.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor_id = table.Column<long>(type: "bigint", nullable: true),
                    actor_login = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    entity = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    changes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "balances",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payer_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    credit_limit = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: true),
                    prepaid = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_balances", x => x.id);
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
                name: "cdr",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    call_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    caller_account_id = table.Column<long>(type: "bigint", nullable: true),
                    callee_account_id = table.Column<long>(type: "bigint", nullable: true),
                    incoming_connection_id = table.Column<long>(type: "bigint", nullable: true),
                    outgoing_connection_id = table.Column<long>(type: "bigint", nullable: true),
                    calling_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    called_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    setup_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    connect_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    disconnect_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    billed_end = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    billed_seconds = table.Column<int>(type: "integer", nullable: false),
                    final_sip_status = table.Column<int>(type: "integer", nullable: true),
                    disconnect_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    disconnect_side = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    caller_keep_alive = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    callee_keep_alive = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdr", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cdr_ratings",
                columns: table => new
                {
                    cdr_id = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reason_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    unrated_parties = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    first_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdr_ratings", x => x.cdr_id);
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
                name: "credentials",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    realm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    login = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    login_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    owner = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    owner_id = table.Column<long>(type: "bigint", nullable: false),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    password_changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credentials", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_reservations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    call_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_amount = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    reseller_amount = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    max_seconds = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_reservations", x => x.id);
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
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    recipient_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    sensitive = table.Column<bool>(type: "boolean", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payer_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    permissions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

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
                name: "administrators",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    credential_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_administrators", x => x.id);
                    table.ForeignKey(
                        name: "fk_administrators_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<long>(type: "bigint", nullable: false),
                    realm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    owner = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    owner_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    account_id = table.Column<long>(type: "bigint", nullable: true),
                    refresh_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    previous_refresh_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    refreshed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    valid_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_reason = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sessions_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "set_password_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    credential_id = table.Column<long>(type: "bigint", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "account_aliases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alias = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_aliases", x => x.id);
                });

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
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    credential_id = table.Column<long>(type: "bigint", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    blocked_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    blocked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    service_policy_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounts_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accounts_service_policies_service_policy_id",
                        column: x => x.service_policy_id,
                        principalTable: "service_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "agreement_products",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agreement_products", x => new { x.customer_id, x.product_id });
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
                });

            migrationBuilder.CreateTable(
                name: "auto_attendant_greetings",
                columns: table => new
                {
                    menu_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    encoding = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    sample_rate = table.Column<int>(type: "integer", nullable: true),
                    duration_seconds = table.Column<double>(type: "double precision", nullable: true),
                    size_bytes = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    audio = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_auto_attendant_greetings", x => x.menu_id);
                });

            migrationBuilder.CreateTable(
                name: "auto_attendant_menus",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    schedule = table.Column<string>(type: "text", nullable: true),
                    keys = table.Column<string>(type: "text", nullable: false),
                    timeout_seconds = table.Column<int>(type: "integer", nullable: false),
                    timeout_action = table.Column<string>(type: "text", nullable: false),
                    invalid_input_action = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_auto_attendant_menus", x => x.id);
                    table.ForeignKey(
                        name: "fk_auto_attendant_menus_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_rooms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    participant_pin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    moderator_pin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    max_participants = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conference_rooms", x => x.id);
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
                });

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
                });

            migrationBuilder.CreateTable(
                name: "customer_agreements",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    auto_attendants_created = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_agreements", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "customer_allowed_roles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    role_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_allowed_roles", x => x.id);
                    table.ForeignKey(
                        name: "fk_customer_allowed_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    credential_id = table.Column<long>(type: "bigint", nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    billing_period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                    table.ForeignKey(
                        name: "fk_customers_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "extensions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    auto_attendant_number = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_extensions", x => x.id);
                    table.ForeignKey(
                        name: "fk_extensions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_extensions_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "individuals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    credential_id = table.Column<long>(type: "bigint", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    role_id = table.Column<long>(type: "bigint", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    activation_date = table.Column<DateOnly>(type: "date", nullable: true),
                    expiration_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                        name: "fk_individuals_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
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
                });

            migrationBuilder.CreateTable(
                name: "product_use",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    open_accounts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_use", x => new { x.customer_id, x.product_id });
                    table.CheckConstraint("ck_product_use_open_accounts", "open_accounts >= 0");
                    table.ForeignKey(
                        name: "fk_product_use_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                    service_policy_id = table.Column<long>(type: "bigint", nullable: true),
                    tariff_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_products_service_policies_service_policy_id",
                        column: x => x.service_policy_id,
                        principalTable: "service_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tariff_id = table.Column<long>(type: "bigint", nullable: false),
                    prefix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    price_per_minute = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    connect_fee = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    first_interval = table.Column<int>(type: "integer", nullable: false),
                    next_interval = table.Column<int>(type: "integer", nullable: false),
                    grace_seconds = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resellers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    credential_id = table.Column<long>(type: "bigint", nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    billing_period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    tariff_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resellers", x => x.id);
                    table.ForeignKey(
                        name: "fk_resellers_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sip_credentials",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    password = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sip_credentials", x => x.account_id);
                    table.ForeignKey(
                        name: "fk_sip_credentials_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sip_credentials_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sip_credentials_resellers_reseller_id",
                        column: x => x.reseller_id,
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
                name: "tariffs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    managed_by = table.Column<long>(type: "bigint", nullable: true),
                    shared_with_resellers = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    rates_changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_rate_change = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
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
                name: "voicemails",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    pin_hash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    pin_changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    greeting_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    attach_audio = table.Column<bool>(type: "boolean", nullable: false),
                    when_full = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_voicemails", x => x.account_id);
                    table.ForeignKey(
                        name: "fk_voicemails_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_voicemails_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_voicemails_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                    tariff_id = table.Column<long>(type: "bigint", nullable: true),
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
                    table.ForeignKey(
                        name: "fk_vendor_connections_tariff_tariff_id",
                        column: x => x.tariff_id,
                        principalTable: "tariffs",
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
                name: "ix_account_aliases_account_id",
                table: "account_aliases",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_aliases_alias",
                table: "account_aliases",
                column: "alias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_aliases_customer_id",
                table: "account_aliases",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_aliases_reseller_id",
                table: "account_aliases",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_products_account_id_product_id",
                table: "account_products",
                columns: new[] { "account_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_products_customer_id_product_id",
                table: "account_products",
                columns: new[] { "customer_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_account_products_product_id",
                table: "account_products",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_account_id",
                table: "accounts",
                column: "account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounts_credential_id",
                table: "accounts",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounts_customer_id",
                table: "accounts",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_reseller_id",
                table: "accounts",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_service_policy_id",
                table: "accounts",
                column: "service_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_administrators_credential_id",
                table: "administrators",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agreement_products_product_id",
                table: "agreement_products",
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
                name: "ix_auto_attendant_greetings_account_id",
                table: "auto_attendant_greetings",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_greetings_customer_id",
                table: "auto_attendant_greetings",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_greetings_reseller_id",
                table: "auto_attendant_greetings",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_menus_account_id_name_key",
                table: "auto_attendant_menus",
                columns: new[] { "account_id", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_menus_customer_id",
                table: "auto_attendant_menus",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_menus_reseller_id",
                table: "auto_attendant_menus",
                column: "reseller_id");

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
                name: "ix_billing_cycles_due_at",
                table: "billing_cycles",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ix_billing_cycles_payer_kind_payer_id",
                table: "billing_cycles",
                columns: new[] { "payer_kind", "payer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cdr_call_id",
                table: "cdr",
                column: "call_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cdr_customer_id_setup_at_account_id",
                table: "cdr",
                columns: new[] { "customer_id", "setup_at", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_cdr_reseller_id_setup_at",
                table: "cdr",
                columns: new[] { "reseller_id", "setup_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cdr_setup_at",
                table: "cdr",
                column: "setup_at");

            migrationBuilder.CreateIndex(
                name: "ix_cdr_ratings_unratable",
                table: "cdr_ratings",
                column: "cdr_id",
                filter: "status = 'Unratable'");

            migrationBuilder.CreateIndex(
                name: "ix_conference_rooms_customer_id_number",
                table: "conference_rooms",
                columns: new[] { "customer_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conference_rooms_reseller_id",
                table: "conference_rooms",
                column: "reseller_id");

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
                name: "ix_credentials_owner_owner_id",
                table: "credentials",
                columns: new[] { "owner", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_credentials_realm_login_key",
                table: "credentials",
                columns: new[] { "realm", "login_key" },
                unique: true);

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
                name: "ix_customer_agreements_reseller_id",
                table: "customer_agreements",
                column: "reseller_id");

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
                name: "ix_customers_credential_id",
                table: "customers",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customers_reseller_id_name",
                table: "customers",
                columns: new[] { "reseller_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_extensions_account_id",
                table: "extensions",
                column: "account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_extensions_customer_id_auto_attendant_number",
                table: "extensions",
                columns: new[] { "customer_id", "auto_attendant_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_extensions_customer_id_number",
                table: "extensions",
                columns: new[] { "customer_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_extensions_reseller_id",
                table: "extensions",
                column: "reseller_id");

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
                name: "ix_notifications_recipient_owner_recipient_owner_id_id",
                table: "notifications",
                columns: new[] { "recipient_owner", "recipient_owner_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_customer_id",
                table: "outbox_messages",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at" });

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
                name: "ix_product_allowed_mains_main_product_id",
                table: "product_allowed_mains",
                column: "main_product_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_subscriptions_subscription_id",
                table: "product_subscriptions",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_use_product_id",
                table: "product_use",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_use_reseller_id",
                table: "product_use",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_managed_by_name",
                table: "products",
                columns: new[] { "managed_by", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_products_service_policy_id",
                table: "products",
                column: "service_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_tariff_id",
                table: "products",
                column: "tariff_id");

            migrationBuilder.CreateIndex(
                name: "ux_rates_tariff_prefix_from",
                table: "rates",
                columns: new[] { "tariff_id", "prefix", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resellers_credential_id",
                table: "resellers",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resellers_name",
                table: "resellers",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_resellers_tariff_id",
                table: "resellers",
                column: "tariff_id");

            migrationBuilder.CreateIndex(
                name: "ix_roles_name_key",
                table: "roles",
                column: "name_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_policies_name",
                table: "service_policies",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_credential_id",
                table: "sessions",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_sessions_owner_owner_id",
                table: "sessions",
                columns: new[] { "owner", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_previous_refresh_token_hash",
                table: "sessions",
                column: "previous_refresh_token_hash");

            migrationBuilder.CreateIndex(
                name: "ix_sessions_refresh_token_hash",
                table: "sessions",
                column: "refresh_token_hash",
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

            migrationBuilder.CreateIndex(
                name: "ix_sip_credentials_customer_id",
                table: "sip_credentials",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_sip_credentials_reseller_id",
                table: "sip_credentials",
                column: "reseller_id");

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
                name: "ix_subscriptions_managed_by_name",
                table: "subscriptions",
                columns: new[] { "managed_by", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_tariffs_managed_by_name",
                table: "tariffs",
                columns: new[] { "managed_by", "name" });

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
                name: "ix_vendor_connections_tariff_id",
                table: "vendor_connections",
                column: "tariff_id");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_connections_trusted_address",
                table: "vendor_connections",
                column: "trusted_address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_voicemails_customer_id",
                table: "voicemails",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_voicemails_reseller_id",
                table: "voicemails",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_xdrs_payer_period",
                table: "xdrs",
                columns: new[] { "payer_id", "payer_kind", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ix_xdrs_reseller_id",
                table: "xdrs",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ux_xdrs_natural_key",
                table: "xdrs",
                columns: new[] { "source_id", "payer_id", "kind", "payer_kind", "key_date" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_account_aliases_accounts_account_id",
                table: "account_aliases",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_account_aliases_customers_customer_id",
                table: "account_aliases",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_account_aliases_resellers_reseller_id",
                table: "account_aliases",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_account_first_usages_accounts_account_id",
                table: "account_first_usages",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_account_products_accounts_account_id",
                table: "account_products",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_account_products_products_product_id",
                table: "account_products",
                column: "product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_accounts_customers_customer_id",
                table: "accounts",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_accounts_resellers_reseller_id",
                table: "accounts",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_agreement_products_customer_agreements_customer_id",
                table: "agreement_products",
                column: "customer_id",
                principalTable: "customer_agreements",
                principalColumn: "customer_id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_agreement_products_product_product_id",
                table: "agreement_products",
                column: "product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_assigned_subscriptions_customers_customer_id",
                table: "assigned_subscriptions",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_assigned_subscriptions_products_product_id",
                table: "assigned_subscriptions",
                column: "product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_assigned_subscriptions_resellers_reseller_id",
                table: "assigned_subscriptions",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_assigned_subscriptions_subscriptions_subscription_id",
                table: "assigned_subscriptions",
                column: "subscription_id",
                principalTable: "subscriptions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_auto_attendant_greetings_auto_attendant_menus_menu_id",
                table: "auto_attendant_greetings",
                column: "menu_id",
                principalTable: "auto_attendant_menus",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_auto_attendant_greetings_customers_customer_id",
                table: "auto_attendant_greetings",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_auto_attendant_greetings_resellers_reseller_id",
                table: "auto_attendant_greetings",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_auto_attendant_menus_customers_customer_id",
                table: "auto_attendant_menus",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_auto_attendant_menus_resellers_reseller_id",
                table: "auto_attendant_menus",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_conference_rooms_customers_customer_id",
                table: "conference_rooms",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_conference_rooms_resellers_reseller_id",
                table: "conference_rooms",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_devices_cpe_profiles_profile_id",
                table: "cpe_devices",
                column: "profile_id",
                principalTable: "cpe_profiles",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_devices_customers_customer_id",
                table: "cpe_devices",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_devices_resellers_customer_reseller_id",
                table: "cpe_devices",
                column: "customer_reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_devices_resellers_managed_by_id",
                table: "cpe_devices",
                column: "managed_by_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_import_chunks_cpe_imports_import_id",
                table: "cpe_import_chunks",
                column: "import_id",
                principalTable: "cpe_imports",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_import_errors_cpe_imports_import_id",
                table: "cpe_import_errors",
                column: "import_id",
                principalTable: "cpe_imports",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_imports_resellers_reseller_id",
                table: "cpe_imports",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_port_assignments_customers_customer_id",
                table: "cpe_port_assignments",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_port_assignments_resellers_reseller_id",
                table: "cpe_port_assignments",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cpe_profiles_resellers_managed_by_id",
                table: "cpe_profiles",
                column: "managed_by_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_customer_agreements_customers_customer_id",
                table: "customer_agreements",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_customer_agreements_resellers_reseller_id",
                table: "customer_agreements",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_customer_allowed_roles_customers_customer_id",
                table: "customer_allowed_roles",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_customer_allowed_roles_resellers_reseller_id",
                table: "customer_allowed_roles",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_customers_resellers_reseller_id",
                table: "customers",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_extensions_resellers_reseller_id",
                table: "extensions",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_individuals_resellers_reseller_id",
                table: "individuals",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_product_allowed_mains_products_addon_product_id",
                table: "product_allowed_mains",
                column: "addon_product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_product_allowed_mains_products_main_product_id",
                table: "product_allowed_mains",
                column: "main_product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_product_subscriptions_products_product_id",
                table: "product_subscriptions",
                column: "product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_product_subscriptions_subscriptions_subscription_id",
                table: "product_subscriptions",
                column: "subscription_id",
                principalTable: "subscriptions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_product_use_product_product_id",
                table: "product_use",
                column: "product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_product_use_resellers_reseller_id",
                table: "product_use",
                column: "reseller_id",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_products_resellers_managed_by",
                table: "products",
                column: "managed_by",
                principalTable: "resellers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_products_tariffs_tariff_id",
                table: "products",
                column: "tariff_id",
                principalTable: "tariffs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_rates_tariffs_tariff_id",
                table: "rates",
                column: "tariff_id",
                principalTable: "tariffs",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_resellers_tariffs_tariff_id",
                table: "resellers",
                column: "tariff_id",
                principalTable: "tariffs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
            HandWrittenSchema.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            HandWrittenSchema.Down(migrationBuilder);

            migrationBuilder.DropForeignKey(
                name: "fk_tariffs_resellers_managed_by",
                table: "tariffs");

            migrationBuilder.DropTable(
                name: "account_aliases");

            migrationBuilder.DropTable(
                name: "account_first_usages");

            migrationBuilder.DropTable(
                name: "account_products");

            migrationBuilder.DropTable(
                name: "administrators");

            migrationBuilder.DropTable(
                name: "agreement_products");

            migrationBuilder.DropTable(
                name: "assigned_subscriptions");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "auto_attendant_greetings");

            migrationBuilder.DropTable(
                name: "balances");

            migrationBuilder.DropTable(
                name: "billing_cycles");

            migrationBuilder.DropTable(
                name: "cdr");

            migrationBuilder.DropTable(
                name: "cdr_ratings");

            migrationBuilder.DropTable(
                name: "conference_rooms");

            migrationBuilder.DropTable(
                name: "cpe_import_chunks");

            migrationBuilder.DropTable(
                name: "cpe_import_errors");

            migrationBuilder.DropTable(
                name: "cpe_port_assignments");

            migrationBuilder.DropTable(
                name: "credit_reservations");

            migrationBuilder.DropTable(
                name: "customer_allowed_roles");

            migrationBuilder.DropTable(
                name: "extensions");

            migrationBuilder.DropTable(
                name: "individuals");

            migrationBuilder.DropTable(
                name: "invoice_counters");

            migrationBuilder.DropTable(
                name: "invoices");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "product_allowed_mains");

            migrationBuilder.DropTable(
                name: "product_subscriptions");

            migrationBuilder.DropTable(
                name: "product_use");

            migrationBuilder.DropTable(
                name: "rates");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "set_password_tokens");

            migrationBuilder.DropTable(
                name: "sip_credentials");

            migrationBuilder.DropTable(
                name: "sip_registrations");

            migrationBuilder.DropTable(
                name: "vendor_connection_prefixes");

            migrationBuilder.DropTable(
                name: "voicemails");

            migrationBuilder.DropTable(
                name: "xdrs");

            migrationBuilder.DropTable(
                name: "customer_agreements");

            migrationBuilder.DropTable(
                name: "auto_attendant_menus");

            migrationBuilder.DropTable(
                name: "cpe_imports");

            migrationBuilder.DropTable(
                name: "cpe_devices");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "subscriptions");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "vendor_connections");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "cpe_profiles");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "service_policies");

            migrationBuilder.DropTable(
                name: "cpe_models");

            migrationBuilder.DropTable(
                name: "resellers");

            migrationBuilder.DropTable(
                name: "credentials");

            migrationBuilder.DropTable(
                name: "tariffs");
        }
    }
}
