using Microsoft.EntityFrameworkCore;

namespace Tollgate.Data.Cpe;

/// <summary>The CPE inventory's tables on <see cref="TollgateDb"/>, kept beside the feature rather than on the shared context.</summary>
public static class CpeSets
{
    extension(TollgateDb db)
    {
        public DbSet<CpeModel> CpeModels => db.Set<CpeModel>();
        public DbSet<CpeProfile> CpeProfiles => db.Set<CpeProfile>();
        public DbSet<CpeDevice> CpeDevices => db.Set<CpeDevice>();
        public DbSet<CpePortAssignment> CpePorts => db.Set<CpePortAssignment>();
        public DbSet<CpeImport> CpeImports => db.Set<CpeImport>();
        public DbSet<CpeImportChunk> CpeImportChunks => db.Set<CpeImportChunk>();
        public DbSet<CpeImportError> CpeImportErrors => db.Set<CpeImportError>();
    }
}
