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
            migrationBuilder.CreateTable(
                name: "AuditHourCounts",
                columns: table => new
                {
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHourCounts", x => new { x.Hour, x.Slot });
                });

            // Every event is counted under its hour (UTC: the stored value's ticks, in units of 1,000, above its offset's 11
            // bits, which are zero) and slice (the id's last hexadecimal digit); the triggers keep the counts in the writing
            // transaction, and an hour's slice that the purge emptied goes with its last event
            // (docs/decisions/0043-audit-counts-kept-per-hour.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Insert AFTER INSERT ON AuditEvents
BEGIN
    INSERT INTO AuditHourCounts (Hour, Slot, Count)
        VALUES (((NEW.OccurredAt >> 11) / 36000000 * 36000000) << 11, instr('0123456789ABCDEF', upper(substr(NEW.Id, -1))) - 1, 1)
        ON CONFLICT (Hour, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Update AFTER UPDATE OF Id, OccurredAt ON AuditEvents
WHEN OLD.Id IS NOT NEW.Id OR OLD.OccurredAt IS NOT NEW.OccurredAt
BEGIN
    UPDATE AuditHourCounts SET Count = Count - 1
        WHERE Hour = ((OLD.OccurredAt >> 11) / 36000000 * 36000000) << 11 AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.Id, -1))) - 1;
    DELETE FROM AuditHourCounts
        WHERE Hour = ((OLD.OccurredAt >> 11) / 36000000 * 36000000) << 11 AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.Id, -1))) - 1 AND Count = 0;
    INSERT INTO AuditHourCounts (Hour, Slot, Count)
        VALUES (((NEW.OccurredAt >> 11) / 36000000 * 36000000) << 11, instr('0123456789ABCDEF', upper(substr(NEW.Id, -1))) - 1, 1)
        ON CONFLICT (Hour, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_AuditEvents_HourCounts_Delete AFTER DELETE ON AuditEvents
BEGIN
    UPDATE AuditHourCounts SET Count = Count - 1
        WHERE Hour = ((OLD.OccurredAt >> 11) / 36000000 * 36000000) << 11 AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.Id, -1))) - 1;
    DELETE FROM AuditHourCounts
        WHERE Hour = ((OLD.OccurredAt >> 11) / 36000000 * 36000000) << 11 AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.Id, -1))) - 1 AND Count = 0;
END;");
            migrationBuilder.Sql(@"
INSERT INTO AuditHourCounts (Hour, Slot, Count)
SELECT ((e.OccurredAt >> 11) / 36000000 * 36000000) << 11, instr('0123456789ABCDEF', upper(substr(e.Id, -1))) - 1, count(*) FROM AuditEvents AS e GROUP BY 1, 2;");
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
