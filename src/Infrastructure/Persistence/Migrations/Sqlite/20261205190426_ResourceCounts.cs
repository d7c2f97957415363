using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResourceCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ResourceCounts",
                columns: table => new
                {
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceCounts", x => new { x.Type, x.Status, x.Slot });
                });

            // Every resource is counted under its type, status and slice (the id's last hexadecimal digit); the triggers
            // keep the counts in the writing transaction (docs/decisions/0040-resource-counts-kept-by-the-database.md).
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_Counts_Insert AFTER INSERT ON Resources
BEGIN
    INSERT INTO ResourceCounts (Type, Status, Slot, Count)
        VALUES (NEW.Type, NEW.Status, instr('0123456789ABCDEF', upper(substr(NEW.Id, -1))) - 1, 1)
        ON CONFLICT (Type, Status, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_Counts_Update AFTER UPDATE OF Id, Type, Status ON Resources
WHEN OLD.Id IS NOT NEW.Id OR OLD.Type IS NOT NEW.Type OR OLD.Status IS NOT NEW.Status
BEGIN
    UPDATE ResourceCounts SET Count = Count - 1
        WHERE Type = OLD.Type AND Status = OLD.Status AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.Id, -1))) - 1;
    INSERT INTO ResourceCounts (Type, Status, Slot, Count)
        VALUES (NEW.Type, NEW.Status, instr('0123456789ABCDEF', upper(substr(NEW.Id, -1))) - 1, 1)
        ON CONFLICT (Type, Status, Slot) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER TR_Resources_Counts_Delete AFTER DELETE ON Resources
BEGIN
    UPDATE ResourceCounts SET Count = Count - 1
        WHERE Type = OLD.Type AND Status = OLD.Status AND Slot = instr('0123456789ABCDEF', upper(substr(OLD.Id, -1))) - 1;
END;");
            migrationBuilder.Sql(@"
INSERT INTO ResourceCounts (Type, Status, Slot, Count)
SELECT r.Type, r.Status, instr('0123456789ABCDEF', upper(substr(r.Id, -1))) - 1, count(*) FROM Resources AS r GROUP BY 1, 2, 3;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_Counts_Insert;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_Counts_Update;");
            migrationBuilder.Sql("DROP TRIGGER TR_Resources_Counts_Delete;");
            migrationBuilder.DropTable(
                name: "ResourceCounts");
        }
    }
}
