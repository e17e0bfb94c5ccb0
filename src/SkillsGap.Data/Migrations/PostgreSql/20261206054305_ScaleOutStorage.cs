using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsGap.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScaleOutStorage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_awards_badges_badge_id",
                table: "awards");

            migrationBuilder.DropForeignKey(
                name: "FK_awards_employees_employee_id",
                table: "awards");

            migrationBuilder.DropIndex(
                name: "IX_issued_credentials_key_id",
                table: "issued_credentials");

            migrationBuilder.DropIndex(
                name: "IX_awards_badge_id",
                table: "awards");

            // Hand-written (keep when regenerating): the two foreign keys above, kept by statement-level triggers that
            // check all the rows of a statement with one join instead of one trigger query per row (see AwardEntity in
            // SkillsGapDbContext). Same rules and messages: an award's employee and badge must exist, and are locked
            // FOR KEY SHARE until the transaction ends; deleting an employee deletes their awards; a badge or an
            // employee id that awards reference cannot be deleted (badge) or renamed; neither table can be truncated
            // while awards exist.
            migrationBuilder.Sql(ReferenceTriggers);
        }

        /// <summary>The triggers that stand for FK_awards_employees_employee_id and FK_awards_badges_badge_id.</summary>
        internal const string ReferenceTriggers = """
            CREATE FUNCTION awards_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                wanted text[];
                missing text;
            BEGIN
                -- Per referenced table: the distinct keys of the statement's rows in one pass, locked against deletion
                -- until the transaction ends (FOR KEY SHARE, as a foreign key locks them), then any missing one reported.
                SELECT array_agg(d.id) INTO wanted FROM (SELECT DISTINCT employee_id AS id FROM new_awards) d;
                PERFORM 1 FROM employees e WHERE e.id = ANY (wanted) FOR KEY SHARE;
                SELECT w INTO missing FROM unnest(wanted) w WHERE NOT EXISTS (SELECT 1 FROM employees e WHERE e.id = w) LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "awards" violates foreign key constraint "FK_awards_employees_employee_id"'
                        USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (employee_id)=(%s) is not present in table "employees".', missing);
                END IF;
                SELECT array_agg(d.id) INTO wanted FROM (SELECT DISTINCT badge_id AS id FROM new_awards) d;
                PERFORM 1 FROM badges b WHERE b.id = ANY (wanted) FOR KEY SHARE;
                SELECT w INTO missing FROM unnest(wanted) w WHERE NOT EXISTS (SELECT 1 FROM badges b WHERE b.id = w) LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "awards" violates foreign key constraint "FK_awards_badges_badge_id"'
                        USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (badge_id)=(%s) is not present in table "badges".', missing);
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER awards_references_on_insert AFTER INSERT ON awards
                REFERENCING NEW TABLE AS new_awards FOR EACH STATEMENT EXECUTE FUNCTION awards_check_references();
            CREATE TRIGGER awards_references_on_update AFTER UPDATE ON awards
                REFERENCING NEW TABLE AS new_awards FOR EACH STATEMENT EXECUTE FUNCTION awards_check_references();

            CREATE FUNCTION employees_delete_awards() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM awards a USING old_employees o WHERE a.employee_id = o.id;
                RETURN NULL;
            END $$;
            CREATE TRIGGER employees_awards_on_delete AFTER DELETE ON employees
                REFERENCING OLD TABLE AS old_employees FOR EACH STATEMENT EXECUTE FUNCTION employees_delete_awards();

            CREATE FUNCTION employees_keep_awarded_ids() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM old_employees o JOIN awards a ON a.employee_id = o.id
                           WHERE NOT EXISTS (SELECT 1 FROM new_employees n WHERE n.id = o.id)) THEN
                    RAISE EXCEPTION 'update or delete on table "employees" violates foreign key constraint "FK_awards_employees_employee_id" on table "awards"'
                        USING ERRCODE = 'foreign_key_violation';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER employees_awards_on_update AFTER UPDATE ON employees
                REFERENCING OLD TABLE AS old_employees NEW TABLE AS new_employees FOR EACH STATEMENT EXECUTE FUNCTION employees_keep_awarded_ids();

            CREATE FUNCTION badges_refuse_awarded_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM old_badges o JOIN awards a ON a.badge_id = o.id) THEN
                    RAISE EXCEPTION 'update or delete on table "badges" violates foreign key constraint "FK_awards_badges_badge_id" on table "awards"'
                        USING ERRCODE = 'foreign_key_violation';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER badges_awards_on_delete AFTER DELETE ON badges
                REFERENCING OLD TABLE AS old_badges FOR EACH STATEMENT EXECUTE FUNCTION badges_refuse_awarded_delete();

            CREATE FUNCTION badges_keep_awarded_ids() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM old_badges o JOIN awards a ON a.badge_id = o.id
                           WHERE NOT EXISTS (SELECT 1 FROM new_badges n WHERE n.id = o.id)) THEN
                    RAISE EXCEPTION 'update or delete on table "badges" violates foreign key constraint "FK_awards_badges_badge_id" on table "awards"'
                        USING ERRCODE = 'foreign_key_violation';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER badges_awards_on_update AFTER UPDATE ON badges
                REFERENCING OLD TABLE AS old_badges NEW TABLE AS new_badges FOR EACH STATEMENT EXECUTE FUNCTION badges_keep_awarded_ids();

            CREATE FUNCTION awards_refuse_parent_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM awards) THEN
                    RAISE EXCEPTION 'cannot truncate table "%" while awards reference it', TG_TABLE_NAME USING ERRCODE = 'feature_not_supported';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER employees_awards_on_truncate BEFORE TRUNCATE ON employees FOR EACH STATEMENT EXECUTE FUNCTION awards_refuse_parent_truncate();
            CREATE TRIGGER badges_awards_on_truncate BEFORE TRUNCATE ON badges FOR EACH STATEMENT EXECUTE FUNCTION awards_refuse_parent_truncate();
            """;


        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER awards_references_on_insert ON awards;
                DROP TRIGGER awards_references_on_update ON awards;
                DROP TRIGGER employees_awards_on_delete ON employees;
                DROP TRIGGER employees_awards_on_update ON employees;
                DROP TRIGGER badges_awards_on_delete ON badges;
                DROP TRIGGER badges_awards_on_update ON badges;
                DROP TRIGGER employees_awards_on_truncate ON employees;
                DROP TRIGGER badges_awards_on_truncate ON badges;
                DROP FUNCTION awards_check_references();
                DROP FUNCTION employees_delete_awards();
                DROP FUNCTION employees_keep_awarded_ids();
                DROP FUNCTION badges_refuse_awarded_delete();
                DROP FUNCTION badges_keep_awarded_ids();
                DROP FUNCTION awards_refuse_parent_truncate();
                """);

            migrationBuilder.CreateIndex(
                name: "IX_issued_credentials_key_id",
                table: "issued_credentials",
                column: "key_id");

            migrationBuilder.CreateIndex(
                name: "IX_awards_badge_id",
                table: "awards",
                column: "badge_id");

            migrationBuilder.AddForeignKey(
                name: "FK_awards_badges_badge_id",
                table: "awards",
                column: "badge_id",
                principalTable: "badges",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_awards_employees_employee_id",
                table: "awards",
                column: "employee_id",
                principalTable: "employees",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
