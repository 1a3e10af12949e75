namespace Tollgate.Sip.Messages;

/// <summary>Where one header field sits in a message buffer; the value range spans any folded lines.</summary>
internal readonly record struct HeaderEntry(KnownHeader Id, int NameStart, int NameLength, int ValueStart, int ValueLength,
    bool Folded)
{
    public Range Value => ValueStart..(ValueStart + ValueLength);

    public Range Name => NameStart..(NameStart + NameLength);
}

/// <summary>Offsets and numbers the validator found, so hot-path accessors need no second scan.</summary>
internal struct MessageIndex
{
    public MessageIndex()
    {
    }

    public int CallId = -1;
    public int From = -1;
    public int To = -1;
    public int CSeq = -1;
    public int BranchStart = -1;
    public int BranchEnd;
    public int FromTagStart = -1;
    public int FromTagEnd;
    public int ToTagStart = -1;
    public int ToTagEnd;
    public uint CSeqNumber;
    public SipMethod? CSeqMethod;
    public int MaxForwards = -1;
}
