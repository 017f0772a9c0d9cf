using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portalcrane.Registry.Metadata.Migrations
{
    /// <inheritdoc />
    public partial class RepositoryStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastPushedAt",
                table: "Repositories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ManifestCount",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Platforms",
                table: "Repositories",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Size",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "TagCount",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "Manifests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Platforms",
                table: "Manifests",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Repositories_LastPushedAt",
                table: "Repositories",
                column: "LastPushedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Repositories_Size",
                table: "Repositories",
                column: "Size");

            // Repositories indexed before statistics existed get theirs from the index.
            migrationBuilder.Sql(
                """
                UPDATE "Repositories" SET
                  "TagCount" = (SELECT COUNT(*) FROM "Tags" t WHERE t."RepositoryId" = "Repositories"."Id"),
                  "ManifestCount" = (SELECT COUNT(*) FROM "Manifests" m WHERE m."RepositoryId" = "Repositories"."Id"),
                  "Size" = COALESCE((SELECT SUM(b."Size") FROM "Blobs" b WHERE b."Digest" IN (
                      SELECT r."Digest" FROM "ManifestReferences" r JOIN "Manifests" m ON m."Id" = r."ManifestId"
                      WHERE m."RepositoryId" = "Repositories"."Id" AND r."Kind" <> 2)), 0),
                  "LastPushedAt" = (SELECT MAX(m."PushedAt") FROM "Manifests" m WHERE m."RepositoryId" = "Repositories"."Id")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Repositories_LastPushedAt",
                table: "Repositories");

            migrationBuilder.DropIndex(
                name: "IX_Repositories_Size",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "LastPushedAt",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "ManifestCount",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "Platforms",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "Size",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "TagCount",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Manifests");

            migrationBuilder.DropColumn(
                name: "Platforms",
                table: "Manifests");
        }
    }
}
