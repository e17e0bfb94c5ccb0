using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsGap.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ScaleOutStorage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (keep when regenerating): snapshot reads for SnapshotLoader. ALTER DATABASE cannot run inside a
            // transaction; it runs first, so that a refusal (no ALTER permission) leaves the schema untouched.
            migrationBuilder.Sql("ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;", suppressTransaction: true);

            // Hand-written (keep when regenerating): SQL Server cannot change the collation of a column that a primary or
            // foreign key uses, so those keys are dropped first and re-created after the columns below. A foreign key
            // another migration adds to employees.id, badges.id or skills.code must be added to both lists.
            migrationBuilder.DropForeignKey(name: "FK_awards_badges_badge_id", table: "awards");
            migrationBuilder.DropForeignKey(name: "FK_awards_employees_employee_id", table: "awards");
            migrationBuilder.DropForeignKey(name: "FK_employee_history_employees_employee_id", table: "employee_history");
            migrationBuilder.DropForeignKey(name: "FK_badge_skills_badges_badge_id", table: "badge_skills");
            migrationBuilder.DropForeignKey(name: "FK_badge_prerequisites_badges_badge_id", table: "badge_prerequisites");
            migrationBuilder.DropPrimaryKey(name: "PK_skills", table: "skills");
            migrationBuilder.DropPrimaryKey(name: "PK_employees", table: "employees");
            migrationBuilder.DropPrimaryKey(name: "PK_badges", table: "badges");
            migrationBuilder.DropPrimaryKey(name: "PK_role_requirements", table: "role_requirements");
            migrationBuilder.DropPrimaryKey(name: "PK_badge_skills", table: "badge_skills");
            migrationBuilder.DropPrimaryKey(name: "PK_badge_prerequisites", table: "badge_prerequisites");

            migrationBuilder.DropIndex(
                name: "IX_issued_credentials_key_id",
                table: "issued_credentials");

            migrationBuilder.DropIndex(
                name: "IX_awards_badge_id",
                table: "awards");

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "skills",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "role_code",
                table: "role_versions",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "skill_code",
                table: "role_requirements",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                table: "report_runs",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "employee_id",
                table: "issued_credentials",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "credential_id",
                table: "issued_credentials",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldMaxLength: 450);

            migrationBuilder.AlterColumn<string>(
                name: "badge_id",
                table: "issued_credentials",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "id",
                table: "employees",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "target_role_code",
                table: "employee_history",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "role_code",
                table: "employee_history",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "manager_id",
                table: "employee_history",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "employee_id",
                table: "employee_history",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "stack_id",
                table: "badges",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "id",
                table: "badges",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "skill_code",
                table: "badge_skills",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "badge_id",
                table: "badge_skills",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "alternative_badge_id",
                table: "badge_prerequisites",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "badge_id",
                table: "badge_prerequisites",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "employee_id",
                table: "awards",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "credential_id",
                table: "awards",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldMaxLength: 450,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "badge_id",
                table: "awards",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            // Hand-written (see above): the keys again; then no escalation to a table lock while a large import holds
            // row locks on these tables (the bulk MERGE works in batches of 500 rows within one transaction).
            migrationBuilder.AddPrimaryKey(name: "PK_skills", table: "skills", column: "code");
            migrationBuilder.AddPrimaryKey(name: "PK_employees", table: "employees", column: "id");
            migrationBuilder.AddPrimaryKey(name: "PK_badges", table: "badges", column: "id");
            migrationBuilder.AddPrimaryKey(name: "PK_role_requirements", table: "role_requirements", columns: new[] { "role_version_id", "skill_code" });
            migrationBuilder.AddPrimaryKey(name: "PK_badge_skills", table: "badge_skills", columns: new[] { "badge_id", "skill_code" });
            migrationBuilder.AddPrimaryKey(name: "PK_badge_prerequisites", table: "badge_prerequisites", columns: new[] { "badge_id", "group_no", "position" });
            migrationBuilder.AddForeignKey(name: "FK_awards_badges_badge_id", table: "awards", column: "badge_id", principalTable: "badges", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey(name: "FK_awards_employees_employee_id", table: "awards", column: "employee_id", principalTable: "employees", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(name: "FK_employee_history_employees_employee_id", table: "employee_history", column: "employee_id", principalTable: "employees", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(name: "FK_badge_skills_badges_badge_id", table: "badge_skills", column: "badge_id", principalTable: "badges", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(name: "FK_badge_prerequisites_badges_badge_id", table: "badge_prerequisites", column: "badge_id", principalTable: "badges", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.Sql("ALTER TABLE [awards] SET (LOCK_ESCALATION = DISABLE);");
            migrationBuilder.Sql("ALTER TABLE [employee_history] SET (LOCK_ESCALATION = DISABLE);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Hand-written (see Up).
            migrationBuilder.Sql("ALTER TABLE [awards] SET (LOCK_ESCALATION = TABLE);");
            migrationBuilder.Sql("ALTER TABLE [employee_history] SET (LOCK_ESCALATION = TABLE);");
            migrationBuilder.DropForeignKey(name: "FK_awards_badges_badge_id", table: "awards");
            migrationBuilder.DropForeignKey(name: "FK_awards_employees_employee_id", table: "awards");
            migrationBuilder.DropForeignKey(name: "FK_employee_history_employees_employee_id", table: "employee_history");
            migrationBuilder.DropForeignKey(name: "FK_badge_skills_badges_badge_id", table: "badge_skills");
            migrationBuilder.DropForeignKey(name: "FK_badge_prerequisites_badges_badge_id", table: "badge_prerequisites");
            migrationBuilder.DropPrimaryKey(name: "PK_skills", table: "skills");
            migrationBuilder.DropPrimaryKey(name: "PK_employees", table: "employees");
            migrationBuilder.DropPrimaryKey(name: "PK_badges", table: "badges");
            migrationBuilder.DropPrimaryKey(name: "PK_role_requirements", table: "role_requirements");
            migrationBuilder.DropPrimaryKey(name: "PK_badge_skills", table: "badge_skills");
            migrationBuilder.DropPrimaryKey(name: "PK_badge_prerequisites", table: "badge_prerequisites");


            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "skills",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "role_code",
                table: "role_versions",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "skill_code",
                table: "role_requirements",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                table: "report_runs",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "employee_id",
                table: "issued_credentials",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "credential_id",
                table: "issued_credentials",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldMaxLength: 450,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "badge_id",
                table: "issued_credentials",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "id",
                table: "employees",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "target_role_code",
                table: "employee_history",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "role_code",
                table: "employee_history",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "manager_id",
                table: "employee_history",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "employee_id",
                table: "employee_history",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "stack_id",
                table: "badges",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "id",
                table: "badges",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "skill_code",
                table: "badge_skills",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "badge_id",
                table: "badge_skills",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "alternative_badge_id",
                table: "badge_prerequisites",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "badge_id",
                table: "badge_prerequisites",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "employee_id",
                table: "awards",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "credential_id",
                table: "awards",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldMaxLength: 450,
                oldNullable: true,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<string>(
                name: "badge_id",
                table: "awards",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.CreateIndex(
                name: "IX_issued_credentials_key_id",
                table: "issued_credentials",
                column: "key_id");

            migrationBuilder.CreateIndex(
                name: "IX_awards_badge_id",
                table: "awards",
                column: "badge_id");

            // Hand-written (see Up).
            migrationBuilder.AddPrimaryKey(name: "PK_skills", table: "skills", column: "code");
            migrationBuilder.AddPrimaryKey(name: "PK_employees", table: "employees", column: "id");
            migrationBuilder.AddPrimaryKey(name: "PK_badges", table: "badges", column: "id");
            migrationBuilder.AddPrimaryKey(name: "PK_role_requirements", table: "role_requirements", columns: new[] { "role_version_id", "skill_code" });
            migrationBuilder.AddPrimaryKey(name: "PK_badge_skills", table: "badge_skills", columns: new[] { "badge_id", "skill_code" });
            migrationBuilder.AddPrimaryKey(name: "PK_badge_prerequisites", table: "badge_prerequisites", columns: new[] { "badge_id", "group_no", "position" });
            migrationBuilder.AddForeignKey(name: "FK_awards_badges_badge_id", table: "awards", column: "badge_id", principalTable: "badges", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey(name: "FK_awards_employees_employee_id", table: "awards", column: "employee_id", principalTable: "employees", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(name: "FK_employee_history_employees_employee_id", table: "employee_history", column: "employee_id", principalTable: "employees", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(name: "FK_badge_skills_badges_badge_id", table: "badge_skills", column: "badge_id", principalTable: "badges", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(name: "FK_badge_prerequisites_badges_badge_id", table: "badge_prerequisites", column: "badge_id", principalTable: "badges", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.Sql("ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION OFF;", suppressTransaction: true);
        }
    }
}
