using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portalcrane.Features.Audit;

namespace Portalcrane.Features.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEventEntity>
{
    public void Configure(EntityTypeBuilder<AuditEventEntity> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.Actor).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Target).HasMaxLength(400);
        builder.Property(e => e.Repository).HasMaxLength(255);
        builder.Property(e => e.Digest).HasMaxLength(135);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(256);
        builder.HasIndex(e => e.Time);
        builder.HasIndex(e => e.Actor);
        builder.HasIndex(e => e.Repository);
    }
}
