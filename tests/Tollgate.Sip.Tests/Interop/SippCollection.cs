namespace Tollgate.Sip.Tests.Interop;

/// <summary>
/// sipp tests run alone, after the parallel tests: sipp retransmits an INVITE left unanswered for 500 ms, and a
/// stack still being compiled by the JIT on two busy cores can take that long for its first answer, which makes
/// the call's message sequence depend on machine load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SippCollection
{
    public const string Name = "sipp";
}
