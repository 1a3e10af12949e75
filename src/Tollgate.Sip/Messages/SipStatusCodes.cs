namespace Tollgate.Sip.Messages;

/// <summary>SIP response codes and their default reason phrases, grouped by class as RFC 3261 §21 groups them.</summary>
public static class SipStatusCodes
{
    // 1xx Provisional (RFC 3261 §21.1)
    public const int Trying = 100;
    public const int Ringing = 180;
    public const int CallIsBeingForwarded = 181;
    public const int Queued = 182;
    public const int SessionProgress = 183;

    // 2xx Successful (§21.2)
    public const int Ok = 200;
    public const int Accepted = 202; // RFC 3265

    // 3xx Redirection (§21.3)
    public const int MultipleChoices = 300;
    public const int MovedPermanently = 301;
    public const int MovedTemporarily = 302;
    public const int UseProxy = 305;
    public const int AlternativeService = 380;

    // 4xx Request Failure (§21.4)
    public const int BadRequest = 400;
    public const int Unauthorized = 401;
    public const int PaymentRequired = 402;
    public const int Forbidden = 403;
    public const int NotFound = 404;
    public const int MethodNotAllowed = 405;
    public const int NotAcceptable = 406;
    public const int ProxyAuthenticationRequired = 407;
    public const int RequestTimeout = 408;
    public const int Gone = 410;
    public const int RequestEntityTooLarge = 413;
    public const int RequestUriTooLong = 414;
    public const int UnsupportedMediaType = 415;
    public const int UnsupportedUriScheme = 416;
    public const int BadExtension = 420;
    public const int ExtensionRequired = 421;
    public const int SessionIntervalTooSmall = 422; // RFC 4028
    public const int IntervalTooBrief = 423;
    public const int TemporarilyUnavailable = 480;
    public const int CallOrTransactionDoesNotExist = 481;
    public const int LoopDetected = 482;
    public const int TooManyHops = 483;
    public const int AddressIncomplete = 484;
    public const int Ambiguous = 485;
    public const int BusyHere = 486;
    public const int RequestTerminated = 487;
    public const int NotAcceptableHere = 488;
    public const int BadEvent = 489; // RFC 3265
    public const int RequestPending = 491;
    public const int Undecipherable = 493;

    // 5xx Server Failure (§21.5)
    public const int ServerInternalError = 500;
    public const int NotImplemented = 501;
    public const int BadGateway = 502;
    public const int ServiceUnavailable = 503;
    public const int ServerTimeout = 504;
    public const int VersionNotSupported = 505;
    public const int MessageTooLarge = 513;

    // 6xx Global Failures (§21.6)
    public const int BusyEverywhere = 600;
    public const int Decline = 603;
    public const int DoesNotExistAnywhere = 604;
    public const int GlobalNotAcceptable = 606;

    /// <summary>The RFC's reason phrase for a code, or a generic one for its class.</summary>
    public static string GetReasonPhrase(int code) => code switch
    {
        Trying => "Trying",
        Ringing => "Ringing",
        CallIsBeingForwarded => "Call Is Being Forwarded",
        Queued => "Queued",
        SessionProgress => "Session Progress",
        Ok => "OK",
        Accepted => "Accepted",
        MultipleChoices => "Multiple Choices",
        MovedPermanently => "Moved Permanently",
        MovedTemporarily => "Moved Temporarily",
        UseProxy => "Use Proxy",
        AlternativeService => "Alternative Service",
        BadRequest => "Bad Request",
        Unauthorized => "Unauthorized",
        PaymentRequired => "Payment Required",
        Forbidden => "Forbidden",
        NotFound => "Not Found",
        MethodNotAllowed => "Method Not Allowed",
        NotAcceptable => "Not Acceptable",
        ProxyAuthenticationRequired => "Proxy Authentication Required",
        RequestTimeout => "Request Timeout",
        Gone => "Gone",
        RequestEntityTooLarge => "Request Entity Too Large",
        RequestUriTooLong => "Request-URI Too Long",
        UnsupportedMediaType => "Unsupported Media Type",
        UnsupportedUriScheme => "Unsupported URI Scheme",
        BadExtension => "Bad Extension",
        ExtensionRequired => "Extension Required",
        SessionIntervalTooSmall => "Session Interval Too Small",
        IntervalTooBrief => "Interval Too Brief",
        TemporarilyUnavailable => "Temporarily Unavailable",
        CallOrTransactionDoesNotExist => "Call/Transaction Does Not Exist",
        LoopDetected => "Loop Detected",
        TooManyHops => "Too Many Hops",
        AddressIncomplete => "Address Incomplete",
        Ambiguous => "Ambiguous",
        BusyHere => "Busy Here",
        RequestTerminated => "Request Terminated",
        NotAcceptableHere => "Not Acceptable Here",
        BadEvent => "Bad Event",
        RequestPending => "Request Pending",
        Undecipherable => "Undecipherable",
        ServerInternalError => "Server Internal Error",
        NotImplemented => "Not Implemented",
        BadGateway => "Bad Gateway",
        ServiceUnavailable => "Service Unavailable",
        ServerTimeout => "Server Time-out",
        VersionNotSupported => "Version Not Supported",
        MessageTooLarge => "Message Too Large",
        BusyEverywhere => "Busy Everywhere",
        Decline => "Decline",
        DoesNotExistAnywhere => "Does Not Exist Anywhere",
        GlobalNotAcceptable => "Not Acceptable",
        >= 100 and < 200 => "Provisional",
        >= 200 and < 300 => "Success",
        >= 300 and < 400 => "Redirection",
        >= 400 and < 500 => "Request Failure",
        >= 500 and < 600 => "Server Failure",
        _ => "Global Failure",
    };
}
