using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditUserCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditUserCounts",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Slot = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditUserCounts", x => new { x.UserId, x.Slot });
                });

            // Every event that names a user is counted under that user and slice (the id's last hexadecimal digit, so
            // that one user's writers on several instances mostly change different rows); set-based triggers keep the
            // counts in the writing transaction, and a slice the purge emptied goes with its last events
            // (docs/decisions/0055-audit-counts-kept-per-user.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_UserCounts_Insert ON AuditEvents AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    MERGE AuditUserCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT i.UserId, CHARINDEX(RIGHT(CONVERT(char(36), i.Id), 1), '0123456789ABCDEF') - 1 AS Slot, COUNT_BIG(*) AS Delta
        FROM inserted AS i WHERE i.UserId IS NOT NULL
        GROUP BY i.UserId, CHARINDEX(RIGHT(CONVERT(char(36), i.Id), 1), '0123456789ABCDEF') - 1) AS source
    ON target.UserId = source.UserId AND target.Slot = source.Slot
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT (UserId, Slot, [Count]) VALUES (source.UserId, source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_UserCounts_Update ON AuditEvents AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(Id) OR UPDATE(UserId)) RETURN;
    MERGE AuditUserCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT changes.UserId, CHARINDEX(RIGHT(CONVERT(char(36), changes.Id), 1), '0123456789ABCDEF') - 1 AS Slot, SUM(changes.Delta) AS Delta FROM (
            SELECT i.UserId, i.Id, CAST(1 AS bigint) AS Delta FROM inserted AS i WHERE i.UserId IS NOT NULL
            UNION ALL
            SELECT d.UserId, d.Id, CAST(-1 AS bigint) AS Delta FROM deleted AS d WHERE d.UserId IS NOT NULL
        ) AS changes
        GROUP BY changes.UserId, CHARINDEX(RIGHT(CONVERT(char(36), changes.Id), 1), '0123456789ABCDEF') - 1
        HAVING SUM(changes.Delta) <> 0) AS source
    ON target.UserId = source.UserId AND target.Slot = source.Slot
    WHEN MATCHED AND target.[Count] + source.Delta = 0 THEN DELETE
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] + source.Delta
    WHEN NOT MATCHED THEN INSERT (UserId, Slot, [Count]) VALUES (source.UserId, source.Slot, source.Delta);
END");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_UserCounts_Delete ON AuditEvents AFTER DELETE AS
BEGIN
    SET NOCOUNT ON;
    MERGE AuditUserCounts WITH (HOLDLOCK) AS target
    USING (
        SELECT d.UserId, CHARINDEX(RIGHT(CONVERT(char(36), d.Id), 1), '0123456789ABCDEF') - 1 AS Slot, COUNT_BIG(*) AS Gone
        FROM deleted AS d WHERE d.UserId IS NOT NULL
        GROUP BY d.UserId, CHARINDEX(RIGHT(CONVERT(char(36), d.Id), 1), '0123456789ABCDEF') - 1) AS source
    ON target.UserId = source.UserId AND target.Slot = source.Slot
    WHEN MATCHED AND target.[Count] = source.Gone THEN DELETE
    WHEN MATCHED THEN UPDATE SET [Count] = target.[Count] - source.Gone;
END");
            migrationBuilder.Sql(@"
INSERT INTO AuditUserCounts (UserId, Slot, [Count])
SELECT e.UserId, CHARINDEX(RIGHT(CONVERT(char(36), e.Id), 1), '0123456789ABCDEF') - 1, COUNT_BIG(*) FROM AuditEvents AS e
WHERE e.UserId IS NOT NULL
GROUP BY e.UserId, CHARINDEX(RIGHT(CONVERT(char(36), e.Id), 1), '0123456789ABCDEF') - 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_UserCounts_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_UserCounts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_UserCounts_Delete;");

            migrationBuilder.DropTable(
                name: "AuditUserCounts");
        }
    }
}
