using Microsoft.EntityFrameworkCore;

namespace Tollgate.Data.Centrex;

/// <summary>The IP Centrex tables on <see cref="TollgateDb"/>, kept beside the feature rather than on the shared context.</summary>
public static class CentrexSets
{
    extension(TollgateDb db)
    {
        public DbSet<Extension> Extensions => db.Set<Extension>();
        public DbSet<AccountAlias> AccountAliases => db.Set<AccountAlias>();
        public DbSet<SipCredential> SipCredentials => db.Set<SipCredential>();
        public DbSet<CustomerAgreement> Agreements => db.Set<CustomerAgreement>();
    }
}
