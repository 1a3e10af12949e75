using Microsoft.EntityFrameworkCore;

namespace Tollgate.Data.CentrexFeatures;

/// <summary>The IP Centrex feature tables on <see cref="TollgateDb"/>, kept beside the feature rather than on the shared context.</summary>
public static class CentrexFeatureSets
{
    extension(TollgateDb db)
    {
        public DbSet<Voicemail> Voicemails => db.Set<Voicemail>();
        public DbSet<AutoAttendantMenu> AutoAttendantMenus => db.Set<AutoAttendantMenu>();
        public DbSet<AutoAttendantGreeting> AutoAttendantGreetings => db.Set<AutoAttendantGreeting>();
        public DbSet<ConferenceRoom> ConferenceRooms => db.Set<ConferenceRoom>();
    }
}
