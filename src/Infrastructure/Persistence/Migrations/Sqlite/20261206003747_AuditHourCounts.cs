using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditHourCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The hours' rows in the primary key's order (WITHOUT ROWID): a range of hours is one read of one b-tree.
            migrationBuilder.Sql(@"
CREATE TABLE ""AuditHourCounts"" (
    ""Hour"" INTEGER NOT NULL,
    ""Slot"" INTEGER NOT NULL,
    ""Count"" INTEGER NOT NULL,
    CONSTRAINT ""PK_AuditHourCounts"" PRIMARY KEY (""Hour"", ""Slot"")
) WITHOUT ROWID;");

            // Every event is counted under its hour (UTC: the stored value's ticks, in units of 1,000, above its offset's 11
            // bits, which are zero). SQLite has one writer at a time, so every event goes to slice 0: the slices spread
            // writers on several SQL Server instances, and here would only multiply the rows a range of hours reads. The
            // triggers keep the counts in the writing transaction, and an hour that the purge emptied goes with its last
            // event (docs/decisions/0043-audit-counts-kept-per-hour.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Insert AFTER INSERT ON AuditEvents
BEGIN
    INSERT INTO AuditHourCounts (Hour, Slot, Count)
        VALUES (((NEW.OccurredAt >> 11) / 36000000 * 36000000) << 11, 0, 1)
        ON CONFLICT (Hour, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Update AFTER UPDATE OF OccurredAt ON AuditEvents
WHEN OLD.OccurredAt IS NOT NEW.OccurredAt
BEGIN
    UPDATE AuditHourCounts SET Count = Count - 1
        WHERE Hour = ((OLD.OccurredAt >> 11) / 36000000 * 36000000) << 11 AND Slot = 0;
    DELETE FROM AuditHourCounts
        WHERE Hour = ((OLD.OccurredAt >> 11) / 36000000 * 36000000) << 11 AND Slot = 0 AND Count = 0;
    INSERT INTO AuditHourCounts (Hour, Slot, Count)
        VALUES (((NEW.OccurredAt >> 11) / 36000000 * 36000000) << 11, 0, 1)
        ON CONFLICT (Hour, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Delete AFTER DELETE ON AuditEvents
BEGIN
    UPDATE AuditHourCounts SET Count = Count - 1
        WHERE Hour = ((OLD.OccurredAt >> 11) / 36000000 * 36000000) << 11 AND Slot = 0;
    DELETE FROM AuditHourCounts
        WHERE Hour = ((OLD.OccurredAt >> 11) / 36000000 * 36000000) << 11 AND Slot = 0 AND Count = 0;
END;");
            migrationBuilder.Sql(@"
INSERT INTO AuditHourCounts (Hour, Slot, Count)
SELECT ((e.OccurredAt >> 11) / 36000000 * 36000000) << 11, 0, count(*) FROM AuditEvents AS e GROUP BY 1, 2;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_HourCounts_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_HourCounts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_AuditEvents_HourCounts_Delete;");

            migrationBuilder.DropTable(
                name: "AuditHourCounts");
        }
    }
}
