using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditUserCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The users' rows in the primary key's order (WITHOUT ROWID): a user's count is one seek of one b-tree.
            migrationBuilder.Sql(@"
CREATE TABLE ""AuditUserCounts"" (
    ""UserId"" TEXT NOT NULL,
    ""Slot"" INTEGER NOT NULL,
    ""Count"" INTEGER NOT NULL,
    CONSTRAINT ""PK_AuditUserCounts"" PRIMARY KEY (""UserId"", ""Slot"")
) WITHOUT ROWID;");

            // Every event that names a user is counted under that user, in slice 0 (one writer at a time: the slices
            // spread writers on several SQL Server instances). The triggers keep the counts in the writing transaction,
            // and a user whose last events the purge removed loses the row
            // (docs/decisions/0055-audit-counts-kept-per-user.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_UserCounts_Insert AFTER INSERT ON AuditEvents
WHEN NEW.UserId IS NOT NULL
BEGIN
    INSERT INTO AuditUserCounts (UserId, Slot, Count)
        VALUES (NEW.UserId, 0, 1)
        ON CONFLICT (UserId, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_UserCounts_Update AFTER UPDATE OF UserId ON AuditEvents
WHEN OLD.UserId IS NOT NEW.UserId
BEGIN
    UPDATE AuditUserCounts SET Count = Count - 1 WHERE UserId = OLD.UserId AND Slot = 0;
    DELETE FROM AuditUserCounts WHERE UserId = OLD.UserId AND Slot = 0 AND Count = 0;
    INSERT INTO AuditUserCounts (UserId, Slot, Count)
        SELECT NEW.UserId, 0, 1 WHERE NEW.UserId IS NOT NULL
        ON CONFLICT (UserId, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_UserCounts_Delete AFTER DELETE ON AuditEvents
WHEN OLD.UserId IS NOT NULL
BEGIN
    UPDATE AuditUserCounts SET Count = Count - 1 WHERE UserId = OLD.UserId AND Slot = 0;
    DELETE FROM AuditUserCounts WHERE UserId = OLD.UserId AND Slot = 0 AND Count = 0;
END;");
            migrationBuilder.Sql(@"
INSERT INTO AuditUserCounts (UserId, Slot, Count)
SELECT e.UserId, 0, count(*) FROM AuditEvents AS e WHERE e.UserId IS NOT NULL GROUP BY e.UserId;");
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
