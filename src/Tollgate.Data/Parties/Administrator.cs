using Tollgate.Data.Access;

namespace Tollgate.Data.Parties;

/// <summary>A member of the provider's staff.</summary>
public sealed class Administrator
{
    public long Id { get; set; }
    public long CredentialId { get; set; }
    public Credential Credential { get; set; } = null!;
    public string? Name { get; set; }
    public string? Email { get; set; }
    public DateTime CreatedAt { get; set; }
}
