namespace Tollgate.Sip.Messages;

/// <summary>Header field names as the RFCs spell them, with the compact forms of RFC 3261 §7.3.3 and later RFCs.</summary>
public static class SipHeaderNames
{
    // RFC 3261 §20, in the RFC's order.
    public const string Accept = "Accept";
    public const string AcceptEncoding = "Accept-Encoding";
    public const string AcceptLanguage = "Accept-Language";
    public const string AlertInfo = "Alert-Info";
    public const string Allow = "Allow";
    public const string AuthenticationInfo = "Authentication-Info";
    public const string Authorization = "Authorization";
    public const string CallId = "Call-ID";
    public const string CallInfo = "Call-Info";
    public const string Contact = "Contact";
    public const string ContentDisposition = "Content-Disposition";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLanguage = "Content-Language";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string ErrorInfo = "Error-Info";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string InReplyTo = "In-Reply-To";
    public const string MaxForwards = "Max-Forwards";
    public const string MimeVersion = "MIME-Version";
    public const string MinExpires = "Min-Expires";
    public const string Organization = "Organization";
    public const string Priority = "Priority";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string ProxyRequire = "Proxy-Require";
    public const string RecordRoute = "Record-Route";
    public const string ReplyTo = "Reply-To";
    public const string Require = "Require";
    public const string RetryAfter = "Retry-After";
    public const string Route = "Route";
    public const string Server = "Server";
    public const string Subject = "Subject";
    public const string Supported = "Supported";
    public const string Timestamp = "Timestamp";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string UserAgent = "User-Agent";
    public const string Via = "Via";
    public const string Warning = "Warning";
    public const string WwwAuthenticate = "WWW-Authenticate";

    // Extensions.
    public const string AcceptContact = "Accept-Contact";         // RFC 3841
    public const string RejectContact = "Reject-Contact";         // RFC 3841
    public const string RequestDisposition = "Request-Disposition"; // RFC 3841
    public const string AllowEvents = "Allow-Events";             // RFC 6665
    public const string Event = "Event";                          // RFC 6665
    public const string SubscriptionState = "Subscription-State"; // RFC 6665
    public const string ReferTo = "Refer-To";                     // RFC 3515
    public const string ReferredBy = "Referred-By";               // RFC 3892
    public const string Replaces = "Replaces";                    // RFC 3891
    public const string SessionExpires = "Session-Expires";       // RFC 4028
    public const string MinSE = "Min-SE";                         // RFC 4028
    public const string RSeq = "RSeq";                            // RFC 3262
    public const string RAck = "RAck";                            // RFC 3262
    public const string Reason = "Reason";                        // RFC 3326
    public const string Identity = "Identity";                    // RFC 8224
    public const string PAssertedIdentity = "P-Asserted-Identity";   // RFC 3325
    public const string PPreferredIdentity = "P-Preferred-Identity"; // RFC 3325
    public const string Privacy = "Privacy";                      // RFC 3323

    /// <summary>Compact forms (RFC 3261 §7.3.3 and the RFCs named beside each).</summary>
    public static class Compact
    {
        public const char AcceptContact = 'a';  // RFC 3841
        public const char ReferredBy = 'b';     // RFC 3892
        public const char ContentType = 'c';
        public const char RequestDisposition = 'd'; // RFC 3841
        public const char ContentEncoding = 'e';
        public const char From = 'f';
        public const char CallId = 'i';
        public const char RejectContact = 'j';  // RFC 3841
        public const char Supported = 'k';
        public const char ContentLength = 'l';
        public const char Contact = 'm';
        public const char Event = 'o';          // RFC 6665
        public const char ReferTo = 'r';        // RFC 3515
        public const char Subject = 's';
        public const char To = 't';
        public const char AllowEvents = 'u';    // RFC 6665
        public const char Via = 'v';
        public const char SessionExpires = 'x'; // RFC 4028
        public const char Identity = 'y';       // RFC 8224
    }
}
