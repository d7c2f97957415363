using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Fixed planner statistics for the resources, their grants and their tags: the shape of a large fleet (1,000,000
    /// resources of 1,000 owners, three types, a status holding a fifth of them; 10,000 grants, ten per principal; two tags
    /// a resource), so that SQLite, which is never asked to ANALYZE, knows that a status or a type is a large part of the
    /// fleet and an owner or a principal a small one, whatever the file holds today
    /// (docs/decisions/0050-fixed-planner-statistics.md).
    /// </summary>
    public partial class PlannerStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ANALYZE of the schema table alone creates sqlite_stat1 without reading a row of any other table.
            migrationBuilder.Sql("ANALYZE sqlite_schema;");
            migrationBuilder.Sql("DELETE FROM sqlite_stat1 WHERE tbl IN ('Resources', 'ResourcePolicyGrants', 'ResourceTags');");
            migrationBuilder.Sql(@"
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
    ('Resources', 'sqlite_autoindex_Resources_1', '1000000 1'),
    ('Resources', 'IX_Resources_OwnerId_CreatedAt_Id_Status', '1000000 1000 1 1 1'),
    ('Resources', 'IX_Resources_OwnerId_Type_Status', '1000000 1000 334 67'),
    ('Resources', 'IX_Resources_CreatedAt_Id_Status_Type_OwnerId', '1000000 1 1 1 1 1'),
    ('Resources', 'IX_Resources_Type_Status_CreatedAt_Id', '1000000 333334 66667 1 1'),
    ('Resources', 'IX_Resources_Status', '1000000 200000'),
    ('Resources', 'IX_Resources_Status_DriftCheckDueAt', '1000000 200000 10'),
    ('Resources', 'IX_Resources_Status_ExpiryCheckAt', '1000000 200000 10'),
    ('ResourcePolicyGrants', 'sqlite_autoindex_ResourcePolicyGrants_1', '10000 1'),
    ('ResourcePolicyGrants', 'IX_ResourcePolicyGrants_ResourceId', '10000 2'),
    ('ResourcePolicyGrants', 'IX_ResourcePolicyGrants_Principal_Action_Effect', '10000 10 10 10'),
    ('ResourceTags', 'sqlite_autoindex_ResourceTags_1', '2000000 2 1'),
    ('ResourceTags', 'IX_ResourceTags_Key_Value_ResourceCreatedAt_ResourceId', '2000000 200000 1000 1 1');");
            // Loads them into this connection; a connection opened later reads them with the schema.
            migrationBuilder.Sql("ANALYZE sqlite_schema;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM sqlite_stat1 WHERE tbl IN ('Resources', 'ResourcePolicyGrants', 'ResourceTags');");
        }
    }
}
